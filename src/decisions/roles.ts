import type { Logger } from '../log';

/** Answers "is this Entra object id a SecretWatch analyst?" — directly listed, or a member of a listed group. */
export interface AnalystDirectory {
  isAnalyst(objectId: string): Promise<boolean>;
}

/** Group membership lookups: Graph `POST /directoryObjects/{id}/checkMemberGroups`, or a local fixture. */
export interface GroupMembership {
  /** The subset of `groupIds` the object is a (transitive) member of. */
  memberGroups(objectId: string, groupIds: readonly string[]): Promise<string[]>;
}

/**
 * ANALYSTS holds user and group object ids alike. A user listed directly is an analyst; otherwise
 * membership of any listed id is checked (cached briefly). A failed check fails closed: not an analyst.
 */
export class ConfiguredAnalysts implements AnalystDirectory {
  private readonly cache = new Map<string, { analyst: boolean; expires: number }>();

  constructor(
    private readonly ids: ReadonlySet<string>,
    private readonly groups: GroupMembership | undefined,
    private readonly options: { readonly ttlMs: number; readonly now: () => Date; readonly log: Logger; readonly maxEntries?: number },
  ) {}

  async isAnalyst(objectId: string): Promise<boolean> {
    const id = objectId.toLowerCase();
    if (this.ids.has(id)) return true;
    if (this.groups === undefined || this.ids.size === 0) return false;
    const now = this.options.now().getTime();
    const cached = this.cache.get(id);
    if (cached !== undefined && cached.expires > now) return cached.analyst;
    let analyst: boolean;
    try {
      analyst = (await this.groups.memberGroups(id, [...this.ids])).length > 0;
    } catch (e) {
      this.options.log.warn('analyst group check failed: treated as not an analyst', { objectId: id, error: e });
      return false; // not cached: the next click asks again
    }
    this.cache.delete(id);
    this.cache.set(id, { analyst, expires: now + this.options.ttlMs });
    if (this.cache.size > (this.options.maxEntries ?? 10_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    return analyst;
  }
}
