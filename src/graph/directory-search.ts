import { parseDirectoryObject, parseDirectoryObjects, type Principal } from '../directory/principal';
import type { GraphPoster } from '../hunting/graph-source';
import { GUID_PATTERN } from '../util/guid';
import { AppError, ErrorCode } from '../errors';
import { errorStatus } from '../util/error-fields';
import { graphCollection, odataString, urlValue } from './odata';

const USER_FIELDS = 'id,displayName,userPrincipalName,jobTitle,department';
const SERVICE_PRINCIPAL_FIELDS = 'id,displayName,appId';

/**
 * `GET /users/{upn}` (User.Read.All): the user, or none on 404. A UPN starting with `$` must be
 * addressed as `/users('…')` (Graph would read `/users/$…` as a system segment).
 */
export async function findUserByUpn(graph: GraphPoster, upn: string, signal: AbortSignal): Promise<Principal[]> {
  const key = upn.startsWith('$') ? `('${urlValue(upn.replace(/'/g, "''"))}')` : `/${urlValue(upn)}`;
  let body: unknown;
  try {
    body = await graph.get(`/users${key}?$select=${USER_FIELDS}`, signal);
  } catch (e) {
    if (errorStatus(e) === 404) return [];
    throw e;
  }
  // A 200 is the user: anything unreadable is a failed lookup (only a 404 means "no such user").
  const user = parseDirectoryObject(body, 'user');
  if (user.length === 0) throw new AppError(ErrorCode.DirectoryUnavailable, 'Microsoft Graph answered GET /users/{upn} without a readable user.');
  return user;
}

/**
 * Users (User.Read.All) and service principals (Application.Read.All) whose display name is
 * exactly `name` — Entra compares case-insensitively. Both lists or a failure: a missing half
 * could hide a namesake and make an ambiguous name look resolved.
 */
export async function findByDisplayName(graph: GraphPoster, name: string, signal: AbortSignal): Promise<Principal[]> {
  const filter = `$filter=${urlValue(`displayName eq ${odataString(name)}`)}`;
  const [users, servicePrincipals] = await Promise.all([
    graph.get(`/users?${filter}&$select=${USER_FIELDS}`, signal),
    graph.get(`/servicePrincipals?${filter}&$select=${SERVICE_PRINCIPAL_FIELDS}`, signal),
  ]);
  return [...parseDirectoryObjects(graphCollection(users, 'GET /users'), 'user'), ...parseDirectoryObjects(graphCollection(servicePrincipals, 'GET /servicePrincipals'), 'servicePrincipal')];
}

/** Graph's `in` operator takes at most 15 values. */
export const MAX_APP_IDS_PER_CALL = 15;

/** `GET /servicePrincipals?$filter=appId in (…)` (Application.Read.All): display names of client applications. Non-GUID ids are never sent. */
export async function applicationsByAppId(graph: GraphPoster, appIds: readonly string[], signal: AbortSignal): Promise<Array<{ appId: string; displayName: string }>> {
  const ids = appIds.filter((id) => GUID_PATTERN.test(id)).slice(0, MAX_APP_IDS_PER_CALL);
  if (ids.length === 0) return [];
  const filter = urlValue(`appId in (${ids.map(odataString).join(',')})`);
  const body = await graph.get(`/servicePrincipals?$filter=${filter}&$select=appId,displayName`, signal);
  return graphCollection(body, 'GET /servicePrincipals').flatMap((o: unknown) => {
    const r = (typeof o === 'object' && o !== null ? o : {}) as Record<string, unknown>;
    const appId = r['appId'];
    const displayName = r['displayName'];
    return typeof appId === 'string' && GUID_PATTERN.test(appId) && typeof displayName === 'string' && displayName.trim() !== ''
      ? [{ appId: appId.toLowerCase(), displayName: displayName.trim().slice(0, 256) }]
      : [];
  });
}
