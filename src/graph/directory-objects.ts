import { parseDirectoryObjects, type Principal } from '../directory/principal';
import type { GraphPoster } from '../hunting/graph-source';

/** Graph `POST /directoryObjects/getByIds` for users and service principals (User.Read.All + Application.Read.All, or Directory.Read.All). */
export function graphDirectoryFetch(graph: GraphPoster, timeoutMs = 10_000): (ids: readonly string[]) => Promise<Principal[]> {
  return async (ids) =>
    parseDirectoryObjects(await graph.post('/directoryObjects/getByIds', { ids, types: ['user', 'servicePrincipal'] }, AbortSignal.timeout(timeoutMs)));
}
