import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { parseCardAction } from '../../src/bot/action-data';
import type { BotDeps } from '../../src/bot/deps';
import { handleDecisionClick } from '../../src/bot/handlers/decision-click';
import type { Extraction } from '../../src/hunting/extraction';
import { MemoryDecisionStore } from '../fakes/memory-decision-store';
import { fakeBotDeps } from '../fakes/bot-deps';
import { cardTexts } from '../support/adaptive-card';

const TENANT = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
const ANALYST = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5' };
const NOW = new Date('2026-12-03T10:00:00Z');
const e: Extraction = { id: 'r1', time: NOW, operation: 'op', principalId: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b', application: { label: 'Azure CLI', firstParty: true }, outcome: 'succeeded' };

function deps(store: MemoryDecisionStore): BotDeps {
  return fakeBotDeps({ now: NOW, analyst: ANALYST.aadObjectId, store }, { tenantId: TENANT });
}

function invoke(value: unknown, from: Record<string, unknown>, tenant = TENANT): TurnContext {
  const activity = {
    type: 'invoke',
    name: 'adaptiveCard/action',
    channelId: 'msteams',
    from,
    recipient: { id: '28:bot' },
    conversation: { id: 'c1', tenantId: tenant },
    channelData: { tenant: { id: tenant } },
    value,
  } as unknown as Activity;
  return new TurnContext(new TestAdapter(), activity);
}

const text = (body: unknown): string => {
  const t = cardTexts((body as { value: unknown }).value);
  return [...t.textBlocks, ...t.textRuns].join(' | ');
};

describe('forged and odd clicks are refused and change nothing', () => {
  const exec = (verb: string, data: unknown): unknown => ({ action: { type: 'Action.Execute', verb, data }, trigger: 'manual' });
  const cases: Array<[string, unknown, Record<string, unknown>, string, RegExp]> = [
    ['another tenant', exec('approve', { extractionId: 'r1' }), ANALYST, '11111111-2222-4333-8444-555555555555', /another Microsoft 365 tenant/],
    ['no aadObjectId', exec('approve', { extractionId: 'r1' }), { id: '29:x', name: 'X' }, TENANT, /which Entra account/],
    ['a stranger', exec('approve', { extractionId: 'r1' }), { id: '29:s', name: 'S', aadObjectId: '00000000-0000-4000-8000-000000000009' }, TENANT, /Only the account holder \(the admin named on this card\) or a SecretWatch analyst can answer/],
    ['unknown id', exec('approve', { extractionId: 'nope' }), ANALYST, TENANT, /no record of this extraction/],
    ['data claiming a status and a role', exec('change-to-approved', { extractionId: 'r1', status: 'escalated', role: 'analyst' }), ANALYST, TENANT, /pending now; the card you clicked was out of date/],
  ];

  test.each(cases)('%s', async (_name, value, from, tenant, message) => {
    const store = new MemoryDecisionStore();
    await store.recordSeen([e]);
    const parsed = parseCardAction(value);
    if (!parsed.ok || parsed.action.verb === 'nextPage' || parsed.action.verb === 'refresh') throw new Error('test value should parse as a decision');
    const res = await handleDecisionClick(invoke(value, from, tenant), deps(store), parsed.action.verb, parsed.action.extractionId, parsed.action.comment);
    expect(res.status).toBe(200);
    expect(text(res.body)).toMatch(message);
    expect(store.records).toEqual([]);
  });

  test('a replay of an old card after the decision records nothing more', async () => {
    const store = new MemoryDecisionStore();
    await store.recordSeen([e]);
    const d = deps(store);
    await handleDecisionClick(invoke({}, ANALYST), d, 'approve', 'r1', '');
    const replay = await handleDecisionClick(invoke({}, ANALYST), d, 'approve', 'r1', '');
    expect(text(replay.body)).toMatch(/approved now; the card you clicked was out of date/);
    expect(store.records).toHaveLength(1);
  });
});
