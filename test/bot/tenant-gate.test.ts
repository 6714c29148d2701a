import { TestAdapter, type Activity } from 'botbuilder';
import { SecretWatchBot } from '../../src/bot/secretwatch-bot';
import { createLogger } from '../../src/log';
import { MemoryDecisionStore } from '../fakes/memory-decision-store';
import { fakeBotDeps } from '../fakes/bot-deps';

const TENANT = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
const NOW = new Date('2026-12-03T10:00:00Z');
const ANALYST = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5' };

function bot(tenantId: string | undefined, lines: string[] = []): { bot: SecretWatchBot; store: MemoryDecisionStore } {
  const store = new MemoryDecisionStore();
  const deps = fakeBotDeps({ now: NOW, analyst: ANALYST.aadObjectId, store }, { log: createLogger('debug', (l) => lines.push(l)), ...(tenantId !== undefined && { tenantId }) });
  return { bot: new SecretWatchBot(deps), store };
}

async function say(b: SecretWatchBot, channelId: string, tenant: string | undefined): Promise<Partial<Activity>[]> {
  const adapter = new TestAdapter(async (context) => b.run(context));
  const replies: Partial<Activity>[] = [];
  await adapter.send({
    type: 'message',
    text: 'help',
    channelId,
    from: ANALYST,
    conversation: { id: 'c1', isGroup: false, conversationType: 'personal', name: 'c', ...(tenant !== undefined && { tenantId: tenant }) },
    ...(tenant !== undefined && { channelData: { tenant: { id: tenant } } }),
  } as Partial<Activity>);
  for (const a of adapter.activeQueue) replies.push(a);
  return replies;
}

describe('azure mode serves Microsoft Teams in its own tenant only', () => {
  test.each([
    ['Direct Line with a forged analyst identity', 'directline', TENANT],
    ['Web Chat', 'webchat', TENANT],
    ['Teams in another tenant', 'msteams', '11111111-2222-4333-8444-555555555555'],
    ['Teams without a tenant', 'msteams', undefined],
  ])('%s: not answered, nothing remembered, a warning logged', async (_name, channelId, tenant) => {
    const lines: string[] = [];
    const { bot: b, store } = bot(TENANT, lines);
    expect(await say(b, channelId, tenant)).toEqual([]);
    expect(store.users.size).toBe(0);
    expect(lines.map((l) => JSON.parse(l) as { msg: string; channelId?: string })).toContainEqual(expect.objectContaining({ msg: 'turn ignored: not Microsoft Teams in this tenant', channelId }));
  });

  test('Teams in our tenant (any case) is answered', async () => {
    const { bot: b, store } = bot(TENANT);
    const replies = await say(b, 'msteams', TENANT.toUpperCase());
    expect(replies).toHaveLength(1);
    expect(replies[0]?.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(store.users.get(ANALYST.aadObjectId)).toBe(ANALYST.id);
  });

  test('local mode (no tenant configured) answers any channel: the Playground and tests', async () => {
    expect(await say(bot(undefined).bot, 'emulator', undefined)).toHaveLength(1);
  });
});
