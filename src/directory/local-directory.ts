import { readFileSync } from 'node:fs';
import { parseDirectoryObject, type DirectorySource, type Principal } from './principal';

/**
 * Local mode: a saved getByIds answer (data/sample/directory.json) stands in for the tenant's
 * directory. Searches compare case-insensitively: UPN or mail, or the whole display name.
 */
export function localDirectory(file: string): DirectorySource {
  const body = JSON.parse(readFileSync(file, 'utf8')) as { value?: unknown };
  const entries = (Array.isArray(body.value) ? body.value : []).flatMap((raw: unknown) =>
    parseDirectoryObject(raw).map((principal) => ({ principal, mail: lower((raw as Record<string, unknown>)['mail']) })),
  );
  const all = entries.map((e) => e.principal);
  const matching = (test: (e: { principal: Principal; mail: string | undefined }) => boolean): Promise<Principal[]> =>
    Promise.resolve(entries.filter(test).map((e) => e.principal));
  return {
    getByIds: (ids) => {
      const wanted = new Set(ids.map((i) => i.toLowerCase()));
      return Promise.resolve(all.filter((p) => wanted.has(p.id)));
    },
    findByUpn: (upn) => {
      const u = upn.toLowerCase();
      return matching((e) => e.principal.kind === 'user' && (e.principal.userPrincipalName?.toLowerCase() === u || e.mail === u));
    },
    findByDisplayName: (name) => {
      const n = name.toLowerCase();
      return matching((e) => e.principal.displayName.toLowerCase() === n);
    },
    applicationsByAppId: (appIds) => {
      const wanted = new Set(appIds.map((i) => i.toLowerCase()));
      return Promise.resolve(
        all.flatMap((p) => (p.kind === 'servicePrincipal' && p.appId !== undefined && wanted.has(p.appId.toLowerCase()) ? [{ appId: p.appId, displayName: p.displayName }] : [])),
      );
    },
  };
}

function lower(v: unknown): string | undefined {
  return typeof v === 'string' ? v.trim().toLowerCase() : undefined;
}
