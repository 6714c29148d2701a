import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { botAppId, createAdapter } from './bot/adapter';
import type { BotDeps } from './bot/deps';
import { BackgroundJobs } from './bot/jobs';
import { SecretWatchBot } from './bot/secretwatch-bot';
import { createHttpApp, listen } from './bot/server';
import type { Config } from './config';
import { SqliteDecisionStore } from './decisions/sqlite-store';
import type { DecisionStore } from './decisions/store';
import { createGraphPoster } from './graph/client';
import { createGraphCredential } from './graph/credential';
import { GraphHuntingSource, type GraphPoster } from './hunting/graph-source';
import { LocalHuntingSource } from './hunting/local-source';
import { QuotaGuard } from './hunting/quota-guard';
import { LocalGroupMembership } from './decisions/local-groups';
import { ConfiguredAnalysts, type GroupMembership } from './decisions/roles';
import { GraphGroupMembership } from './graph/group-membership';
import { CachedDirectory } from './directory/cached-directory';
import { localDirectory } from './directory/local-directory';
import type { DirectorySource } from './directory/principal';
import { graphDirectory } from './graph/directory-objects';
import type { HuntingSource } from './hunting/source';
import { RateLimiter } from './usecases/rate-limit';
import { PendingExports } from './usecases/export';
import type { Logger } from './log';

export interface SecretWatch {
  readonly url: string;
  readonly source: HuntingSource;
  /** Resolves when background work (hunting queries, page posts) has finished. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export interface Overrides {
  readonly now?: () => Date;
  readonly source?: HuntingSource;
  readonly store?: DecisionStore;
}

/** Composition root: config → store → source → bot → HTTP server. */
export async function startSecretWatch(config: Config, log: Logger, overrides: Overrides = {}): Promise<SecretWatch> {
  const now = overrides.now ?? (() => new Date());
  const store = overrides.store ?? new SqliteDecisionStore(config.databasePath);
  // One Graph client (one credential, one token cache) for hunting, names and group membership.
  const graph = config.hunting.source === 'defender' ? createGraphPoster({ credential: createGraphCredential(config.hunting.auth, config.hunting.authorityHost), baseUrl: config.hunting.graphBaseUrl }) : undefined;
  const source = overrides.source ?? createSource(config, now(), graph);
  const adapter = createAdapter(config.bot, log);
  const jobs = new BackgroundJobs(log);
  const appId = botAppId(config.bot);
  const hunter = new QuotaGuard(source, { cacheTtlMs: config.cacheTtlMs, now });
  const deps: BotDeps = {
    hunter,
    watch: config.watch,
    defenderPortalUrl: config.defenderPortalUrl,
    listedAnalysts: config.analysts,
    exports: new PendingExports(now),
    directory: new CachedDirectory(directorySource(config, graph), { ttlMs: config.directoryCacheMs, now, log }),
    analysts: new ConfiguredAnalysts(config.analysts, groupMembership(config, graph), { ttlMs: 5 * 60_000, now, log }),
    ...(config.escalationWebhook !== undefined && { escalationWebhook: config.escalationWebhook }),
    ...(config.tenantId !== undefined && { tenantId: config.tenantId }),
    rateLimiter: new RateLimiter(config.userCommandsPerMinute, now),
    store,
    pageSize: config.pageSize,
    now,
    log,
    jobs,
    sendIntervalMs: config.sendIntervalMs,
    risk: config.risk,
    continueConversation: (reference, logic) => adapter.continueConversationAsync(appId, reference, logic),
  };
  const bot = new SecretWatchBot(deps);
  const server: Server = await listen(createHttpApp(adapter, bot, { mode: config.mode, source: source.kind }, log), config.server.host, config.server.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    source,
    idle: () => jobs.idle(),
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await jobs.idle();
      await store.close();
    },
  };
}

/** Where principal and application names come from: Microsoft Graph with a tenant, the bundled directory file in local mode. */
function directorySource(config: Config, graph: GraphPoster | undefined): DirectorySource {
  return graph === undefined ? localDirectory(config.localDirectoryFile) : graphDirectory(graph);
}

/** Where analyst group membership is checked: Graph with a tenant, the bundled groups file in local mode. */
function groupMembership(config: Config, graph: GraphPoster | undefined): GroupMembership {
  return graph === undefined ? new LocalGroupMembership(config.localGroupsFile) : new GraphGroupMembership(graph);
}

function createSource(config: Config, startedAt: Date, graph: GraphPoster | undefined): HuntingSource {
  const h = config.hunting;
  if (h.source === 'local') return new LocalHuntingSource({ file: h.file, rebase: h.rebase, now: startedAt });
  if (graph === undefined) throw new Error('the defender source needs a Graph client');
  return new GraphHuntingSource(graph, h.timeoutMs);
}
