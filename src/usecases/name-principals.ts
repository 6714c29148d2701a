import type { Directory, Principal } from '../directory/principal';
import { nameClientApplication } from '../hunting/clients';
import type { Extraction } from '../hunting/extraction';

/**
 * Adds directory names: principals by object id, and client applications by app id (first-party
 * tools are named already; then a service principal among the named principals with that appId;
 * then the directory). A failed lookup degrades to ids (and the summary says so), never to a failed reply.
 */
export async function withNames(directory: Directory | undefined, extractions: Extraction[]): Promise<{ extractions: Extraction[]; namesFailed: boolean }> {
  if (directory === undefined || extractions.length === 0) return { extractions, namesFailed: false };
  const ids = extractions.flatMap((e) => (e.principalId === undefined ? [] : [e.principalId]));
  const { principals, failed } = await directory.resolve(ids);
  const apps = await applicationNames(directory, extractions, principals.values());
  const named = extractions.map((e) => {
    const p = e.principalId === undefined ? undefined : principals.get(e.principalId.toLowerCase());
    const appName = e.application.id === undefined ? undefined : apps.names.get(e.application.id.toLowerCase());
    if (p === undefined && appName === undefined) return e;
    return {
      ...e,
      ...(p !== undefined && { principalInfo: p }),
      ...(appName !== undefined && { application: nameClientApplication(e.application, appName) }),
    };
  });
  return { extractions: named, namesFailed: failed || apps.failed };
}

/** Names for the non-first-party app ids: from service principals already at hand, the rest from the directory. */
async function applicationNames(directory: Directory, extractions: readonly Extraction[], known: Iterable<Principal>): Promise<{ names: ReadonlyMap<string, string>; failed: boolean }> {
  const names = new Map<string, string>();
  for (const p of known) if (p.kind === 'servicePrincipal' && p.appId !== undefined) names.set(p.appId.toLowerCase(), p.displayName);
  const unknown = new Set(extractions.flatMap((e) => (e.application.firstParty || e.application.id === undefined ? [] : [e.application.id.toLowerCase()])).filter((id) => !names.has(id)));
  if (unknown.size === 0) return { names, failed: false };
  const looked = await directory.applicationNames([...unknown]);
  for (const [id, name] of looked.names) names.set(id, name);
  return { names, failed: looked.failed };
}
