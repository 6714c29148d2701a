import type { Logger } from '../log';
import type { Directory, DirectorySource, Principal, PrincipalQuery, PrincipalSearch } from './principal';
import { GUID_PATTERN } from '../util/guid';
import { TtlCache } from './ttl-cache';

export interface CachedDirectoryOptions {
  /** How long names (principals and applications, found or not) are kept. */
  readonly ttlMs: number;
  readonly now: () => Date;
  readonly log: Logger;
  readonly maxEntries?: number;
  /** Ids per getByIds call (Graph takes up to 1,000). */
  readonly batchSize?: number;
  /** Application ids per lookup (Graph's `in` takes up to 15 values). */
  readonly appBatchSize?: number;
  /** How long a `by` name or UPN stays resolved: briefly (a new namesake makes a name ambiguous), and never longer than ttlMs. */
  readonly findTtlMs?: number;
}

/**
 * The Directory over a DirectorySource: looks principals up in batches, caches answers (found and
 * not found) for a while, bounded, and turns a failed lookup into a value (logged), never a throw.
 */
export class CachedDirectory implements Directory {
  private readonly principals: TtlCache<Principal | undefined>;
  private readonly searches: TtlCache<readonly Principal[]>;
  private readonly applications: TtlCache<string | undefined>;

  constructor(
    private readonly source: DirectorySource,
    private readonly options: CachedDirectoryOptions,
  ) {
    const max = options.maxEntries ?? 10_000;
    this.principals = new TtlCache(max);
    this.searches = new TtlCache(Math.min(max, 1000));
    this.applications = new TtlCache(max);
  }

  async resolve(ids: readonly string[]): Promise<{ principals: ReadonlyMap<string, Principal>; failed: boolean }> {
    const now = this.options.now().getTime();
    const principals = new Map<string, Principal>();
    // Object ids are GUIDs: anything else (an odd upstream row) would make Graph refuse the whole batch.
    const valid = ids.filter((id) => GUID_PATTERN.test(id));
    const { fetched, failed } = await this.lookUp(valid, this.principals, this.options.batchSize ?? 1000, async (part) => {
      const found = new Map((await this.source.getByIds(part)).map((p) => [p.id, p]));
      return part.map((id) => [id, found.get(id)] as const);
    });
    for (const id of new Set(valid.map((i) => i.toLowerCase()))) {
      const p = this.principals.get(id, now)?.value ?? fetched.get(id);
      if (p !== undefined) principals.set(id, p);
    }
    return { principals, failed };
  }

  async find(query: PrincipalQuery): Promise<PrincipalSearch> {
    const now = this.options.now().getTime();
    const key = query.kind === 'upn' ? `upn:${query.upn.toLowerCase()}` : `name:${query.name.toLowerCase()}`;
    const hit = this.searches.get(key, now);
    if (hit !== undefined) return { kind: 'found', principals: hit.value };
    try {
      const found = query.kind === 'upn' ? await this.source.findByUpn(query.upn) : await this.source.findByDisplayName(query.name);
      const principals = [...new Map(found.map((p) => [p.id, p])).values()];
      const ttl = Math.min(this.options.ttlMs, this.options.findTtlMs ?? 60_000);
      this.searches.set(key, principals, now + ttl);
      // What a search found also names those principals' extractions without another call.
      for (const p of principals) this.principals.set(p.id, p, now + this.options.ttlMs);
      return { kind: 'found', principals };
    } catch (e) {
      this.options.log.warn('directory search failed', { kind: query.kind, error: e });
      return { kind: 'failed' };
    }
  }

  async applicationNames(appIds: readonly string[]): Promise<{ names: ReadonlyMap<string, string>; failed: boolean }> {
    const now = this.options.now().getTime();
    const names = new Map<string, string>();
    const { fetched, failed } = await this.lookUp(appIds, this.applications, this.options.appBatchSize ?? 15, async (part) => {
      const found = new Map((await this.source.applicationsByAppId(part)).map((a) => [a.appId.toLowerCase(), a.displayName]));
      return part.map((id) => [id, found.get(id)] as const);
    });
    for (const id of new Set(appIds.map((i) => i.toLowerCase()))) {
      const name = this.applications.get(id, now)?.value ?? fetched.get(id);
      if (name !== undefined) names.set(id, name);
    }
    return { names, failed };
  }

  /**
   * Fetches the keys not fresh in `cache`, `batch` at a time, and remembers every answer (absent
   * ones too). A failed batch is logged and not remembered, and ends the lookup: the next batches
   * would most likely fail the same way (permissions, outage), each after its own timeout, and the
   * reply waits for all of them. Returns what was fetched (absent ones too, so a zero TTL or a tiny
   * cache still answers this call).
   */
  private async lookUp<V>(
    keys: readonly string[],
    cache: TtlCache<V | undefined>,
    batch: number,
    fetch: (part: string[]) => Promise<ReadonlyArray<readonly [string, V | undefined]>>,
  ): Promise<{ fetched: Map<string, V | undefined>; failed: boolean }> {
    const now = this.options.now().getTime();
    const wanted = [...new Set(keys.map((k) => k.toLowerCase()))].filter((k) => cache.get(k, now) === undefined);
    const fetched = new Map<string, V | undefined>();
    let failed = false;
    for (let i = 0; i < wanted.length; i += batch) {
      const part = wanted.slice(i, i + batch);
      try {
        for (const [key, value] of await fetch(part)) {
          fetched.set(key, value);
          cache.set(key, value, now + this.options.ttlMs);
        }
      } catch (e) {
        failed = true;
        this.options.log.warn('directory lookup failed: showing ids', { ids: wanted.length - i, error: e });
        break;
      }
    }
    return { fetched, failed };
  }
}
