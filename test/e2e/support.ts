import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSecretWatch, type Overrides, type SecretWatch } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { cardTexts } from '../support/adaptive-card';
import { startFakeConnector, type ConnectorCall, type FakeConnector } from '../support/fake-connector';

export function tempDatabase(): string {
  return join(mkdtempSync(join(tmpdir(), 'sw-e2e-')), 'secretwatch.db');
}

/** The real app on an ephemeral loopback port, configured as `npm start` would be from this environment. */
export function startApp(env: Record<string, string>, overrides: Overrides = {}): Promise<SecretWatch> {
  const config = loadConfig({ PORT: '0', SEND_INTERVAL_MS: '0', LOG_LEVEL: 'error', ...env });
  return startSecretWatch(config, silentLogger, overrides);
}

export function cardOf(call: ConnectorCall | undefined): Record<string, unknown> {
  const content = call?.activity.attachments?.[0]?.content;
  if (content === undefined) throw new Error(`no card in ${JSON.stringify(call?.activity).slice(0, 200)}`);
  return content;
}

/** All visible text of a card, joined: what a person would read. */
export function textOf(card: unknown): string {
  const t = cardTexts(card);
  return [...t.textBlocks, ...t.textRuns].join(' | ');
}

export function extractionIdOf(card: Record<string, unknown>): string | undefined {
  const actions = card['actions'] as Array<{ verb?: string; data?: { extractionId?: string } }> | undefined;
  return actions?.find((a) => a.verb === 'approve')?.data?.extractionId;
}

/**
 * The usual e2e lifecycle: one Bot Connector stand-in for the describe block, at most one running
 * app per test (stopped, and the connector's record cleared, after each). Call inside `describe`.
 */
export function useAppAndConnector(): { readonly connector: () => FakeConnector; start(env: Record<string, string>, overrides?: Overrides): Promise<SecretWatch> } {
  let connector: FakeConnector | undefined;
  let app: SecretWatch | undefined;
  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
    if (connector !== undefined) connector.calls.length = 0;
  });
  afterAll(async () => {
    await connector?.close();
  });
  return {
    connector: () => {
      if (connector === undefined) throw new Error('the connector starts in beforeAll');
      return connector;
    },
    start: async (env, overrides) => {
      await app?.stop();
      app = await startApp(env, overrides);
      return app;
    },
  };
}
