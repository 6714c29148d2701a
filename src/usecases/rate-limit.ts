/**
 * Per-user limit on hunting commands, so one chat cannot spend the tenant's Defender quota:
 * at most `perMinute` asks in any sliding minute. 0 turns it off.
 */
export class RateLimiter {
  private readonly asks = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => Date,
    /** Most users tracked; the least recent are forgotten first. */
    private readonly maxUsers = 10_000,
  ) {}

  take(user: string): { ok: true } | { ok: false; retryAfterSeconds: number } {
    if (this.perMinute <= 0) return { ok: true };
    const now = this.now().getTime();
    const recent = (this.asks.get(user) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.perMinute) {
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 60_000 - now) / 1000)) };
    }
    recent.push(now);
    this.asks.delete(user);
    this.asks.set(user, recent);
    if (this.asks.size > this.maxUsers) {
      const first = this.asks.keys().next().value;
      if (first !== undefined) this.asks.delete(first);
    }
    return { ok: true };
  }
}
