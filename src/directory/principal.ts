import { GUID_PATTERN } from '../util/guid';

/** A principal as the directory knows it. */
export type Principal =
  | { readonly kind: 'user'; readonly id: string; readonly displayName: string; readonly userPrincipalName?: string; readonly jobTitle?: string; readonly department?: string }
  | { readonly kind: 'servicePrincipal'; readonly id: string; readonly displayName: string; readonly appId?: string };

/** What a `by` filter names: a user principal name (or mail address), or an exact display name. */
export type PrincipalQuery = { readonly kind: 'upn'; readonly upn: string } | { readonly kind: 'name'; readonly name: string };

/** Every principal matching a query (none, one, or several with the same name), or `failed`: the lookup did not work. */
export type PrincipalSearch = { readonly kind: 'found'; readonly principals: readonly Principal[] } | { readonly kind: 'failed' };

/**
 * The directory as the use cases see it. Failures (permissions, outage) are values, never throws.
 * Unknown or deleted ids are simply absent from answers.
 */
export interface Directory {
  /** Names for principal object ids. `failed`: the lookup did not work: callers show ids and say so. */
  resolve(ids: readonly string[]): Promise<{ readonly principals: ReadonlyMap<string, Principal>; readonly failed: boolean }>;
  /** Principals matching a UPN or an exact display name (case-insensitive, users and service principals). */
  find(query: PrincipalQuery): Promise<PrincipalSearch>;
  /** Client application names (their service principals' display names) by appId, keys lower case. */
  applicationNames(appIds: readonly string[]): Promise<{ readonly names: ReadonlyMap<string, string>; readonly failed: boolean }>;
}

/** Where a directory's answers come from (Graph, or the local file). Methods may throw; CachedDirectory turns that into values. */
export interface DirectorySource {
  getByIds(ids: readonly string[]): Promise<Principal[]>;
  /** The user with this user principal name (the local file also matches mail), or none. */
  findByUpn(upn: string): Promise<Principal[]>;
  /** Users and service principals with exactly this display name (case-insensitive). */
  findByDisplayName(name: string): Promise<Principal[]>;
  /** Service principals of these application ids (at most 15 per call: Graph's limit for `in`). */
  applicationsByAppId(appIds: readonly string[]): Promise<Array<{ readonly appId: string; readonly displayName: string }>>;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim().slice(0, 256) : undefined);

type ObjectKind = Principal['kind'];

/**
 * The objects of Graph `POST /directoryObjects/getByIds` (each names its `@odata.type`), or of
 * `GET /users` / `GET /servicePrincipals` (pass the kind: those objects do not), read defensively.
 */
export function parseDirectoryObjects(value: readonly unknown[], kind?: ObjectKind): Principal[] {
  return value.flatMap((o) => parseDirectoryObject(o, kind));
}

/** One directory object: a user or service principal with an id and a display name, else nothing. */
export function parseDirectoryObject(o: unknown, kind?: ObjectKind): Principal[] {
  if (typeof o !== 'object' || o === null) return [];
  const r = o as Record<string, unknown>;
  const id = text(r['id'])?.toLowerCase();
  const displayName = text(r['displayName']);
  // Object ids are GUIDs; a resolved `by` name's id becomes a KQL value and a mention's target, so nothing else passes.
  if (id === undefined || !GUID_PATTERN.test(id) || displayName === undefined) return [];
  const type = text(r['@odata.type']) ?? (kind === undefined ? undefined : `#microsoft.graph.${kind}`);
  if (type === '#microsoft.graph.servicePrincipal') {
    const appId = text(r['appId']);
    return [{ kind: 'servicePrincipal', id, displayName, ...(appId !== undefined && { appId }) }];
  }
  if (type !== '#microsoft.graph.user') return [];
  const upn = text(r['userPrincipalName']);
  const jobTitle = text(r['jobTitle']);
  const department = text(r['department']);
  return [{ kind: 'user', id, displayName, ...(upn !== undefined && { userPrincipalName: upn }), ...(jobTitle !== undefined && { jobTitle }), ...(department !== undefined && { department }) }];
}

/** "Adele Vance (adele.vance@contoso.com)", "sp-backup (app a3c5…)" — a principal in one line, without the role. */
export function principalLabel(p: Principal): string {
  if (p.kind === 'servicePrincipal') return `${p.displayName}${p.appId === undefined ? '' : ` (app ${p.appId})`}`;
  return `${p.displayName}${p.userPrincipalName === undefined ? '' : ` (${p.userPrincipalName})`}`;
}

/** "Adele Vance (adele.vance@contoso.com) · Platform Engineer, Platform" — how cards name a principal. */
export function describePrincipal(p: Principal | undefined, id: string | undefined): string {
  if (id === undefined) return 'unknown principal';
  if (p === undefined) return `unknown principal ${id}`;
  if (p.kind === 'servicePrincipal') return `service principal ${principalLabel(p)}`;
  const role = [p.jobTitle, p.department].filter((x) => x !== undefined).join(', ');
  return `${principalLabel(p)}${role === '' ? '' : ` · ${role}`}`;
}
