import { RateLimiter } from '../../src/usecases/rate-limit';

describe('RateLimiter', () => {
  test('allows perMinute asks in any sliding minute, per user, and says when to retry', () => {
    let t = 0;
    const limiter = new RateLimiter(3, () => new Date(t));
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')].every((r) => r.ok)).toBe(true);
    t = 20_000;
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 40 });
    expect(limiter.take('b').ok).toBe(true); // another user is not affected
    t = 60_001;
    expect(limiter.take('a').ok).toBe(true);
  });

  test('0 means no limit', () => {
    const limiter = new RateLimiter(0, () => new Date(0));
    for (let i = 0; i < 100; i++) expect(limiter.take('a').ok).toBe(true);
  });

  test('remembers a bounded number of users', () => {
    const limiter = new RateLimiter(1, () => new Date(0), 2);
    limiter.take('a');
    limiter.take('b');
    limiter.take('c'); // forgets a
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('c').ok).toBe(false);
  });
});
