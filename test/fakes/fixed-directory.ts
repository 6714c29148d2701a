import type { Directory, Principal, PrincipalQuery } from '../../src/directory/principal';

/** A Directory fake over a fixed list of principals and app names; `failing` makes every lookup fail. Records the calls. */
export function fixedDirectory(principals: readonly Principal[], apps: Readonly<Record<string, string>> = {}, failing = false): Directory & { calls: string[] } {
  const calls: string[] = [];
  const matches = (q: PrincipalQuery, p: Principal): boolean =>
    q.kind === 'upn' ? p.kind === 'user' && p.userPrincipalName?.toLowerCase() === q.upn.toLowerCase() : p.displayName.toLowerCase() === q.name.toLowerCase();
  return {
    calls,
    resolve: (ids) => {
      calls.push(`resolve ${ids.length}`);
      const wanted = new Set(ids.map((i) => i.toLowerCase()));
      return Promise.resolve({ principals: new Map(failing ? [] : principals.filter((p) => wanted.has(p.id)).map((p) => [p.id, p])), failed: failing });
    },
    find: (q) => {
      calls.push(`find ${q.kind}`);
      return Promise.resolve(failing ? { kind: 'failed' } : { kind: 'found', principals: principals.filter((p) => matches(q, p)) });
    },
    applicationNames: (appIds) => {
      calls.push(`applicationNames ${[...appIds].sort().join(',')}`);
      const names = new Map(failing ? [] : appIds.flatMap((id) => (apps[id] === undefined ? [] : [[id, apps[id]] as const])));
      return Promise.resolve({ names, failed: failing });
    },
  };
}
