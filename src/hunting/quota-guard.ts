import { AppError, ErrorCode, isAppError } from '../errors';
import { inSecondsOrMinutes } from '../util/text';
import type { HuntingAnswer, Hunter } from './hunter';
import type { HuntingRequest } from './query';
import type { HuntingSource } from './source';

export interface QuotaGuardOptions {
  /** How long an answer is reused (0 = no cache). */
  readonly cacheTtlMs: number;
  readonly now: () => Date;
  /** Most answers kept; the oldest go first. */
  readonly maxEntries?: number;
  /** Most result rows kept across all cached answers (memory bound). */
  readonly maxCachedRows?: number;
}

/** Defender's CPU allowance is per 15-minute cycle: a quota block lifts at the next boundary. */
const QUOTA_CYCLE_MS = 15 * 60 * 1000;
/** Longest block we accept from a Retry-After (an hour: four quota cycles). */
const MAX_BLOCK_SECONDS = 3600;
const DEFAULT_MAX_CACHED_ROWS = 200_000;

/**
 * Spends the tenant's hunting quota carefully:
 * - single-flight: identical requests in flight share one upstream call;
 * - a short cache of answers (bypassed by `fresh`, which still joins an identical call in flight);
 * - a circuit that opens on a quota 429: no upstream call until Retry-After has passed (or, without
 *   one, the next 15-minute cycle), and every ask is answered at once with when to retry.
 * Identical means same KQL text and same Timespan: relative windows (`ago(7d)`, `P7D`) do not
 * depend on the clock, and `since` windows are sent as a start only, so equal asks share a key.
 */
export class QuotaGuard implements Hunter {
  readonly kind: Hunter['kind'];
  private readonly inFlight = new Map<string, Promise<HuntingAnswer>>();
  private readonly cache = new Map<string, { answer: HuntingAnswer; expires: number; rows: number }>();
  private cachedRows = 0;
  private blockedUntil = 0;

  constructor(
    private readonly source: HuntingSource,
    private readonly options: QuotaGuardOptions,
  ) {
    this.kind = source.kind;
  }

  hunt(request: HuntingRequest, { fresh }: { fresh: boolean }): Promise<HuntingAnswer> {
    const now = this.options.now().getTime();
    this.dropExpired(now);
    const key = `${request.timespan}\u0000${request.query}`;
    const cached = this.cache.get(key);
    // A still-valid answer costs no quota: served even while the circuit is open.
    if (!fresh && cached !== undefined) return Promise.resolve({ ...cached.answer, fromCache: true });
    if (now < this.blockedUntil) return Promise.reject(throttled(this.blockedUntil, now));
    const running = this.inFlight.get(key);
    if (running !== undefined) return running;

    const call = this.source
      .run(request)
      .then((body): HuntingAnswer => {
        const answer = { body, fetchedAt: this.options.now(), fromCache: false };
        this.remember(key, answer);
        return answer;
      })
      .catch((e: unknown) => {
        if (isAppError(e) && e.code === ErrorCode.HuntingThrottled) {
          const at = this.options.now().getTime();
          // Retry-After is upstream data: bounded, so a huge value cannot close the circuit for good.
          const until =
            e.retryAfterSeconds !== undefined
              ? at + Math.min(e.retryAfterSeconds, MAX_BLOCK_SECONDS) * 1000
              : (Math.floor(at / QUOTA_CYCLE_MS) + 1) * QUOTA_CYCLE_MS;
          this.blockedUntil = Math.max(this.blockedUntil, until); // never shortened by a later, shorter answer
          throw throttled(this.blockedUntil, at, e);
        }
        throw e;
      })
      .finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, call);
    return call;
  }

  private remember(key: string, answer: HuntingAnswer): void {
    if (this.options.cacheTtlMs <= 0) return;
    const rows = Array.isArray(answer.body.results) ? answer.body.results.length : 0;
    const maxRows = this.options.maxCachedRows ?? DEFAULT_MAX_CACHED_ROWS;
    if (rows > maxRows) return; // one huge answer is not worth the memory
    this.cache.delete(key);
    this.cache.set(key, { answer, expires: answer.fetchedAt.getTime() + this.options.cacheTtlMs, rows });
    this.cachedRows += rows;
    const max = this.options.maxEntries ?? 50;
    while (this.cache.size > max || this.cachedRows > maxRows) {
      const oldest = this.cache.keys().next().value;
      if (oldest === undefined) break;
      this.evict(oldest);
    }
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.cache) if (entry.expires <= now) this.evict(key);
  }

  private evict(key: string): void {
    const entry = this.cache.get(key);
    if (entry === undefined) return;
    this.cachedRows -= entry.rows;
    this.cache.delete(key);
  }
}

function throttled(until: number, now: number, cause?: unknown): AppError {
  const seconds = Math.max(1, Math.ceil((until - now) / 1000));
  const at = new Date(until).toISOString().slice(11, 16);
  return new AppError(ErrorCode.HuntingThrottled, "Defender's hunting quota for this tenant is used up for now, so SecretWatch is not sending queries.", {
    retryAfterSeconds: seconds,
    hint: `Try again after ${at} UTC (in ${inSecondsOrMinutes(seconds)}).`,
    ...(cause !== undefined && { cause }),
  });
}
