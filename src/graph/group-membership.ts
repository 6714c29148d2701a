import type { GroupMembership } from '../decisions/roles';
import type { GraphPoster } from '../hunting/graph-source';

/** checkMemberGroups takes at most 20 group ids per call. */
const BATCH = 20;

/** Transitive group membership through Microsoft Graph (needs GroupMember.Read.All or Directory.Read.All). */
export class GraphGroupMembership implements GroupMembership {
  constructor(
    private readonly graph: GraphPoster,
    private readonly timeoutMs = 10_000,
  ) {}

  async memberGroups(objectId: string, groupIds: readonly string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < groupIds.length; i += BATCH) {
      const body = (await this.graph.post(
        `/directoryObjects/${encodeURIComponent(objectId)}/checkMemberGroups`,
        { groupIds: groupIds.slice(i, i + BATCH) },
        AbortSignal.timeout(this.timeoutMs),
      )) as { value?: unknown };
      if (Array.isArray(body.value)) found.push(...body.value.filter((v): v is string => typeof v === 'string'));
    }
    return found;
  }
}
