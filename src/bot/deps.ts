import type { ConversationReference, TurnContext } from 'botbuilder';
import type { DecisionStore } from '../decisions/store';
import type { Hunter } from '../hunting/hunter';
import type { WatchList } from '../hunting/query';
import type { RateLimiter } from '../usecases/rate-limit';
import type { WebhookOptions } from '../notify/webhook';
import type { AnalystDirectory } from '../decisions/roles';
import type { PendingExports } from '../usecases/export';
import type { Directory } from '../directory/principal';
import type { Logger } from '../log';
import type { RiskSettings } from '../risk/settings';
import type { BackgroundJobs } from './jobs';

/** What the handlers need. Built once in src/app.ts. */
export interface BotDeps {
  readonly hunter: Hunter;
  readonly watch: WatchList;
  readonly defenderPortalUrl: string;
  readonly analysts: AnalystDirectory;
  readonly listedAnalysts: ReadonlySet<string>;
  readonly exports: PendingExports;
  readonly directory?: Directory;
  readonly escalationWebhook?: WebhookOptions;
  /** Azure mode: the only tenant whose users may click. */
  readonly tenantId?: string;
  readonly rateLimiter: RateLimiter;
  readonly store: DecisionStore;
  readonly pageSize: number;
  readonly now: () => Date;
  readonly log: Logger;
  readonly jobs: BackgroundJobs;
  /** Pause between posted messages (Teams allows about 7 per second per conversation). */
  readonly sendIntervalMs: number;
  /** Thresholds of the risk rules. */
  readonly risk: RiskSettings;
  /** Runs `logic` in a new turn on the stored conversation (proactive messages). */
  continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>;
}
