import { AppError, ErrorCode } from '../../src/errors';
import type { HuntingRequest } from '../../src/hunting/query';
import { buildHuntingRequest } from '../../src/hunting/query';
import { QuotaGuard } from '../../src/hunting/quota-guard';
import type { HuntingResponse } from '../../src/hunting/response';
import type { HuntingSource } from '../../src/hunting/source';

/** A source (our own interface) whose answers and failures the test scripts. */
class ScriptedSource implements HuntingSource {
  readonly kind = 'defender' as const;
  calls = 0;
  next: Array<() => Promise<HuntingResponse>> = [];
  run(_request: HuntingRequest): Promise<HuntingResponse> {
    this.calls++;
    const step = this.next.shift();
    return step === undefined ? Promise.resolve({ schema: [], results: [] }) : step();
  }
}

const throttle = (seconds?: number) => (): Promise<HuntingResponse> =>
  Promise.reject(new AppError(ErrorCode.HuntingThrottled, 'quota', seconds === undefined ? {} : { retryAfterSeconds: seconds }));
const rows = (n: number) => (): Promise<HuntingResponse> => Promise.resolve({ schema: [], results: Array.from({ length: n }, () => ({})) });
const req = (hours: number): HuntingRequest => buildHuntingRequest({ kind: 'relative', amount: hours, unit: 'h' }, new Date(0));

describe('QuotaGuard bounds (review findings)', () => {
  let clock = 0;
  const now = (): Date => new Date(clock);
  beforeEach(() => {
    clock = Date.parse('2026-12-03T10:00:00Z');
  });

  test('a huge Retry-After is capped at an hour: the circuit always closes', async () => {
    const source = new ScriptedSource();
    const guard = new QuotaGuard(source, { cacheTtlMs: 0, now });
    source.next.push(throttle(10_000_000_000_000));
    await expect(guard.hunt(req(1), { fresh: false })).rejects.toMatchObject({ code: 'HUNTING_THROTTLED', retryAfterSeconds: 3600 });
    clock += 3600_000 + 1000;
    await expect(guard.hunt(req(1), { fresh: false })).resolves.toMatchObject({ fromCache: false });
  });

  test('a later, shorter 429 does not shorten the block already announced', async () => {
    const source = new ScriptedSource();
    const guard = new QuotaGuard(source, { cacheTtlMs: 0, now });
    let release!: () => void;
    source.next.push(() => new Promise((_, reject) => (release = () => reject(new AppError(ErrorCode.HuntingThrottled, 'q', { retryAfterSeconds: 900 })))));
    source.next.push(throttle(0));
    const first = guard.hunt(req(1), { fresh: false }).catch((e: unknown) => e);
    const second = guard.hunt(req(2), { fresh: false }).catch((e: unknown) => e);
    await second;
    release();
    await first;
    clock += 60_000;
    await expect(guard.hunt(req(3), { fresh: false })).rejects.toMatchObject({ code: 'HUNTING_THROTTLED' });
    expect(source.calls).toBe(2);
  });

  test('a cached answer is still served while the circuit is open', async () => {
    const source = new ScriptedSource();
    const guard = new QuotaGuard(source, { cacheTtlMs: 120_000, now });
    source.next.push(rows(3), throttle(600));
    await guard.hunt(req(1), { fresh: false });
    await expect(guard.hunt(req(2), { fresh: false })).rejects.toMatchObject({ code: 'HUNTING_THROTTLED' });
    await expect(guard.hunt(req(1), { fresh: false })).resolves.toMatchObject({ fromCache: true });
    expect(source.calls).toBe(2);
  });

  test('memory is bounded by cached rows, and expired answers are dropped', async () => {
    const source = new ScriptedSource();
    const guard = new QuotaGuard(source, { cacheTtlMs: 60_000, now, maxCachedRows: 10 });
    source.next.push(rows(6), rows(6), rows(11));
    await guard.hunt(req(1), { fresh: false });
    await guard.hunt(req(2), { fresh: false }); // 12 rows > 10: the oldest (req 1) goes
    await guard.hunt(req(3), { fresh: false }); // 11 rows: never cached
    await guard.hunt(req(2), { fresh: false }); // still cached
    expect(source.calls).toBe(3);
    await guard.hunt(req(1), { fresh: false }); // evicted: asked again
    expect(source.calls).toBe(4);
    clock += 61_000;
    await guard.hunt(req(2), { fresh: false }); // expired
    expect(source.calls).toBe(5);
  });
});
