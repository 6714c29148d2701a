/** A principal as the directory knows it. */
export type Principal =
  | { readonly kind: 'user'; readonly id: string; readonly displayName: string; readonly userPrincipalName?: string; readonly jobTitle?: string; readonly department?: string }
  | { readonly kind: 'servicePrincipal'; readonly id: string; readonly displayName: string; readonly appId?: string };

/** Resolves principal object ids to names. Unknown or deleted ids are simply absent from the answer. */
export interface Directory {
  /** `failed`: the lookup did not work (permissions, outage): callers show ids and say so. */
  resolve(ids: readonly string[]): Promise<{ readonly principals: ReadonlyMap<string, Principal>; readonly failed: boolean }>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 256) : undefined);

/** The `value` array of Graph `POST /directoryObjects/getByIds`, read defensively. */
export function parseDirectoryObjects(body: unknown): Principal[] {
  const value = (body as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) return [];
  return value.flatMap((o): Principal[] => {
    if (typeof o !== 'object' || o === null) return [];
    const r = o as Record<string, unknown>;
    const id = text(r['id'])?.toLowerCase();
    const displayName = text(r['displayName']);
    if (id === undefined || displayName === undefined) return [];
    const type = text(r['@odata.type']);
    if (type === '#microsoft.graph.servicePrincipal') {
      const appId = text(r['appId']);
      return [{ kind: 'servicePrincipal', id, displayName, ...(appId !== undefined && { appId }) }];
    }
    if (type !== '#microsoft.graph.user') return [];
    const upn = text(r['userPrincipalName']);
    const jobTitle = text(r['jobTitle']);
    const department = text(r['department']);
    return [{ kind: 'user', id, displayName, ...(upn !== undefined && { userPrincipalName: upn }), ...(jobTitle !== undefined && { jobTitle }), ...(department !== undefined && { department }) }];
  });
}

/** "Adele Vance (adele.vance@contoso.com) · Platform Engineer, Platform" — how cards name a principal. */
export function describePrincipal(p: Principal | undefined, id: string | undefined): string {
  if (id === undefined) return 'unknown principal';
  if (p === undefined) return `unknown principal ${id}`;
  if (p.kind === 'servicePrincipal') return `service principal ${p.displayName}${p.appId === undefined ? '' : ` (app ${p.appId})`}`;
  const role = [p.jobTitle, p.department].filter((x) => x !== undefined).join(', ');
  return `${p.displayName}${p.userPrincipalName === undefined ? '' : ` (${p.userPrincipalName})`}${role === '' ? '' : ` · ${role}`}`;
}
