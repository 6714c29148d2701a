import Database from 'better-sqlite3';
import { checkCard } from '../support/adaptive-card';
import type { FakeConnector } from '../support/fake-connector';
import { ALEX, BOT, TENANT_ID, messageActivity, post } from '../support/teams-activity';
import { cardOf, tempDatabase, useAppAndConnector, textOf } from './support';

/**
 * Installing SecretWatch in Teams, over HTTP: the installationUpdate a team sends, the welcome card,
 * the stored conversation reference, replies in the channel thread, and removal.
 */
const TEAM = '19:3a9c5e7b2d4f4a6c8e0b1d3f5a7c9e2b@thread.tacv2';
const SOC_CHANNEL = '19:soc0000000000000000000000000000a@thread.tacv2';

function installationUpdate(action: 'add' | 'remove' | 'add-upgrade', serviceUrl: string, conversation: { id: string; conversationType: string }, teamId?: string): Record<string, unknown> {
  return {
    type: 'installationUpdate',
    action,
    id: `install-${Math.random()}`,
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: ALEX,
    recipient: BOT,
    conversation: { ...conversation, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, ...(teamId !== undefined && { team: { id: teamId }, channel: { id: conversation.id } }), source: { name: 'message' } },
  };
}

const rows = (dbPath: string, sql: string): unknown[] => {
  const db = new Database(dbPath, { readonly: true });
  try {
    return db.prepare(sql).all();
  } finally {
    db.close();
  }
};

describe('installing SecretWatch', () => {
  const e2e = useAppAndConnector();
  const connector = (): FakeConnector => e2e.connector();

  test('in a team: one welcome card (who may do what, what to type), the reference stored; removal drops it and every reference into the team', async () => {
    const db = tempDatabase();
    const app = await e2e.start({ DATABASE_PATH: db });
    const general = { id: TEAM, conversationType: 'channel' };

    expect((await post(app.url, installationUpdate('add', connector().url, general, TEAM))).status).toBe(200);
    // Teams also sends conversationUpdate with the bot among membersAdded: no second welcome.
    await post(app.url, {
      ...installationUpdate('add', connector().url, general, TEAM),
      type: 'conversationUpdate',
      membersAdded: [{ id: BOT.id }],
    });
    await app.idle();

    const welcomes = connector().messages().filter((m) => m.activity.attachments !== undefined);
    expect(welcomes).toHaveLength(1);
    expect(welcomes[0]?.conversationId).toBe(TEAM);
    const card = cardOf(welcomes[0]);
    expect(checkCard(card).events).toEqual([]);
    const text = textOf(card);
    expect(text).toContain('SecretWatch is here');
    expect(text).toMatch(/SecretWatch analysts \| Approve or escalate/);
    expect(text).toMatch(/The admin named on an extraction \(the account holder\) \| Answer "It was me — authorised" or "Not me"/);
    expect(text).toContain('@SecretWatch secrets last 7d'); // channels need the mention
    expect(text).toContain('"@SecretWatch secrets escalate here" in your SOC channel');
    expect(text).toMatch(/sample data/i);

    const stored = rows(db, 'SELECT conversation_id, scope, team_id, reference FROM installations') as Array<{ conversation_id: string; scope: string; team_id: string; reference: string }>;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ conversation_id: TEAM, scope: 'team', team_id: TEAM });
    // The stored reference is enough to post there later: conversation, service URL, bot.
    expect(JSON.parse(stored[0]?.reference ?? '{}')).toMatchObject({ conversation: { id: TEAM }, serviceUrl: connector().url, bot: { id: BOT.id } });

    // An upgrade re-stores the reference but does not welcome again.
    await post(app.url, installationUpdate('add-upgrade', connector().url, general, TEAM));
    await app.idle();
    expect(connector().messages().filter((m) => m.activity.attachments !== undefined)).toHaveLength(1);

    // The SOC channel of that team becomes the escalation target, then the team removes the app.
    await post(app.url, {
      ...messageActivity(`<at>${BOT.name}</at> secrets escalate here`, { serviceUrl: connector().url, conversationId: `${SOC_CHANNEL};messageid=1700000000001`, conversationType: 'channel' }),
      channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM }, channel: { id: SOC_CHANNEL } },
    });
    await app.idle();
    expect(rows(db, `SELECT key FROM settings WHERE key = 'escalation_target'`)).toHaveLength(1);
    // Cards posted in a thread of the SOC channel: their postings know their team.
    await post(app.url, {
      ...messageActivity(`<at>${BOT.name}</at> secrets last 7d`, { serviceUrl: connector().url, conversationId: `${SOC_CHANNEL};messageid=1700000000017`, conversationType: 'channel' }),
      channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM }, channel: { id: SOC_CHANNEL } },
    });
    await app.idle();
    const posted = rows(db, 'SELECT DISTINCT conversation_id, team_id FROM postings');
    expect(posted).toEqual([{ conversation_id: `${SOC_CHANNEL};messageid=1700000000017`, team_id: TEAM }]);
    // The team removes the app: Teams says so in the General channel, not in the SOC channel.
    await post(app.url, installationUpdate('remove', connector().url, general, TEAM));
    await app.idle();
    expect(rows(db, 'SELECT * FROM installations')).toEqual([]);
    expect(rows(db, 'SELECT * FROM postings')).toEqual([]);
    // The SOC channel belongs to the team: escalations now wait for a new target instead of failing silently.
    expect(rows(db, `SELECT key FROM settings WHERE key = 'escalation_target'`)).toEqual([]);
  });

  test('in a personal chat: a welcome for one person, with commands without @mention; uninstall forgets the chat and its card postings', async () => {
    const db = tempDatabase();
    const app = await e2e.start({ DATABASE_PATH: db });
    const chat = { id: 'a:1personal-chat-with-alex', conversationType: 'personal' };
    await post(app.url, installationUpdate('add', connector().url, chat));
    await app.idle();
    const text = textOf(cardOf(connector().messages()[0]));
    expect(text).toContain('secrets mine');
    expect(text).not.toContain('@SecretWatch');
    expect(rows(db, 'SELECT scope FROM installations')).toEqual([{ scope: 'personal' }]);

    // Cards posted there are remembered as postings …
    await post(app.url, messageActivity('secrets last 7d', { serviceUrl: connector().url, conversationId: chat.id }));
    await app.idle();
    expect((rows(db, 'SELECT COUNT(*) AS n FROM postings') as Array<{ n: number }>)[0]?.n).toBeGreaterThan(0);
    // … and go with the uninstall: later decisions must not try to update cards nobody can see.
    await post(app.url, installationUpdate('remove', connector().url, chat));
    await app.idle();
    expect(rows(db, 'SELECT * FROM installations')).toEqual([]);
    expect(rows(db, 'SELECT * FROM postings')).toEqual([]);
  });

  test('replies to a channel message go into its thread', async () => {
    const app = await e2e.start({ DATABASE_PATH: tempDatabase() });
    const thread = `${SOC_CHANNEL};messageid=1700000000123`;
    const activity = messageActivity(`<at>${BOT.name}</at> secrets last 7d`, { serviceUrl: connector().url, conversationId: thread, conversationType: 'channel' });
    await post(app.url, activity);
    await app.idle();
    const posted = connector().messages();
    expect(posted.length).toBeGreaterThan(2);
    for (const m of posted) expect(m.conversationId).toBe(thread);
    // The acknowledgement answers the message itself.
    expect(posted[0]?.activityId).toBe(activity['id']);
  });
});
