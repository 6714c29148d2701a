import type { Directory } from '../directory/principal';
import type { Extraction } from '../hunting/extraction';

/** Adds directory names; a failed lookup degrades to ids (and the summary says so), never to a failed reply. */
export async function withNames(directory: Directory | undefined, extractions: Extraction[]): Promise<{ extractions: Extraction[]; namesFailed: boolean }> {
  if (directory === undefined || extractions.length === 0) return { extractions, namesFailed: false };
  const ids = extractions.flatMap((e) => (e.principalId === undefined ? [] : [e.principalId]));
  const { principals, failed } = await directory.resolve(ids);
  const named = extractions.map((e) => {
    const p = e.principalId === undefined ? undefined : principals.get(e.principalId.toLowerCase());
    return p === undefined ? e : { ...e, principalInfo: p };
  });
  return { extractions: named, namesFailed: failed };
}
