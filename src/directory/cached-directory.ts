import type { Logger } from '../log';
import type { Directory, Principal } from './principal';

/** Looks principals up in batches (`fetch`), caches answers (found and not found) for a while, bounded. */
export class CachedDirectory implements Directory {
  private readonly cache = new Map<string, { principal: Principal | undefined; expires: number }>();

  constructor(
    private readonly fetch: (ids: readonly string[]) => Promise<Principal[]>,
    private readonly options: { readonly ttlMs: number; readonly now: () => Date; readonly log: Logger; readonly maxEntries?: number; readonly batchSize?: number },
  ) {}

  async resolve(ids: readonly string[]): Promise<{ principals: ReadonlyMap<string, Principal>; failed: boolean }> {
    const now = this.options.now().getTime();
    const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
    const principals = new Map<string, Principal>();
    const missing: string[] = [];
    for (const id of wanted) {
      const hit = this.cache.get(id);
      if (hit !== undefined && hit.expires > now) {
        if (hit.principal !== undefined) principals.set(id, hit.principal);
      } else missing.push(id);
    }
    let failed = false;
    const batch = this.options.batchSize ?? 1000; // getByIds takes up to 1,000 ids
    for (let i = 0; i < missing.length; i += batch) {
      const part = missing.slice(i, i + batch);
      try {
        const found = new Map((await this.fetch(part)).map((p) => [p.id, p]));
        for (const id of part) {
          const p = found.get(id);
          if (p !== undefined) principals.set(id, p);
          this.remember(id, p, now);
        }
      } catch (e) {
        failed = true;
        this.options.log.warn('directory lookup failed: showing ids', { ids: part.length, error: e });
      }
    }
    return { principals, failed };
  }

  private remember(id: string, principal: Principal | undefined, now: number): void {
    this.cache.delete(id);
    this.cache.set(id, { principal, expires: now + this.options.ttlMs });
    if (this.cache.size > (this.options.maxEntries ?? 10_000)) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }
}
