import { readFileSync } from 'node:fs';
import { parseDirectoryObjects, type Principal } from './principal';

/** Local mode: a saved getByIds answer (data/sample/directory.json) answers for the sample principals. */
export function localDirectoryFetch(file: string): (ids: readonly string[]) => Promise<Principal[]> {
  const all = parseDirectoryObjects(JSON.parse(readFileSync(file, 'utf8')) as unknown);
  return (ids) => {
    const wanted = new Set(ids.map((i) => i.toLowerCase()));
    return Promise.resolve(all.filter((p) => wanted.has(p.id)));
  };
}
