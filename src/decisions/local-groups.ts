import { readFileSync } from 'node:fs';
import type { GroupMembership } from './roles';

/** Local mode's stand-in for Entra groups: `{ "<group id>": ["<member object id>", …] }` from a JSON file. */
export class LocalGroupMembership implements GroupMembership {
  private readonly members: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(file: string) {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    this.members = new Map(
      Object.entries(raw).map(([group, list]) => [group.toLowerCase(), new Set(Array.isArray(list) ? list.filter((m): m is string => typeof m === 'string').map((m) => m.toLowerCase()) : [])]),
    );
  }

  memberGroups(objectId: string, groupIds: readonly string[]): Promise<string[]> {
    return Promise.resolve(groupIds.filter((g) => this.members.get(g.toLowerCase())?.has(objectId.toLowerCase()) === true));
  }
}
