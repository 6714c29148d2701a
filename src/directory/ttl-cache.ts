/** A bounded map whose entries expire: the oldest entry goes first when full. Values may be `undefined` ("known absent"). */
export class TtlCache<V> {
  private readonly entries = new Map<string, { value: V; expires: number }>();

  constructor(private readonly maxEntries: number) {}

  /** The entry if present and fresh at `now` (ms). */
  get(key: string, now: number): { value: V } | undefined {
    const hit = this.entries.get(key);
    return hit !== undefined && hit.expires > now ? { value: hit.value } : undefined;
  }

  set(key: string, value: V, expires: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires });
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}
