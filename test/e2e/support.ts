import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSecretWatch, type Overrides, type SecretWatch } from '../../src/app';
import { loadConfig } from '../../src/config';
import { silentLogger } from '../../src/log';
import { cardTexts } from '../support/adaptive-card';
import type { ConnectorCall } from '../support/fake-connector';

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
