import type { BotDeps } from '../../src/bot/deps';
import { BackgroundJobs } from '../../src/bot/jobs';
import { silentLogger } from '../../src/log';
import { DEFAULT_RISK_SETTINGS } from '../../src/risk/settings';
import { PendingExports } from '../../src/usecases/export';
import { RateLimiter } from '../../src/usecases/rate-limit';
import { fixedAnalysts } from './fixed-analysts';
import { MemoryDecisionStore } from './memory-decision-store';

/**
 * BotDeps for handler tests: an in-memory store, one analyst, a hunter that must not be called,
 * no rate limit, proactive sends that go nowhere. Override what a test is about.
 */
export function fakeBotDeps(options: { readonly now: Date; readonly analyst: string; readonly store?: MemoryDecisionStore }, overrides: Partial<BotDeps> = {}): BotDeps {
  const now = (): Date => options.now;
  return {
    hunter: { kind: 'defender', hunt: () => Promise.reject(new Error('not used')) },
    store: options.store ?? new MemoryDecisionStore(),
    pageSize: 10,
    now,
    log: silentLogger,
    jobs: new BackgroundJobs(silentLogger),
    sendIntervalMs: 0,
    risk: DEFAULT_RISK_SETTINGS,
    watch: { kind: 'seed' },
    defenderPortalUrl: 'https://security.microsoft.com',
    rateLimiter: new RateLimiter(0, now),
    analysts: fixedAnalysts(options.analyst),
    listedAnalysts: new Set([options.analyst]),
    exports: new PendingExports(now),
    continueConversation: () => Promise.resolve(),
    ...overrides,
  };
}
