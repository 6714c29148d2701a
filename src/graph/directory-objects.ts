import { parseDirectoryObjects, type DirectorySource } from '../directory/principal';
import type { GraphPoster } from '../hunting/graph-source';
import { graphCollection } from './odata';
import { applicationsByAppId, findByDisplayName, findUserByUpn } from './directory-search';

/**
 * The tenant's directory through Microsoft Graph (User.Read.All + Application.Read.All, or
 * Directory.Read.All): `POST /directoryObjects/getByIds` for names, GET searches for `by` filters
 * and application names. Each call gives up after `timeoutMs`.
 */
export function graphDirectory(graph: GraphPoster, timeoutMs = 10_000): DirectorySource {
  const signal = (): AbortSignal => AbortSignal.timeout(timeoutMs);
  return {
    getByIds: async (ids) =>
      parseDirectoryObjects(graphCollection(await graph.post('/directoryObjects/getByIds', { ids, types: ['user', 'servicePrincipal'] }, signal()), 'getByIds')),
    findByUpn: (upn) => findUserByUpn(graph, upn, signal()),
    findByDisplayName: (name) => findByDisplayName(graph, name, signal()),
    applicationsByAppId: (appIds) => applicationsByAppId(graph, appIds, signal()),
  };
}
