import Database from 'better-sqlite3';
import { MEGAN, actionInvoke, messageActivity, post } from '../support/teams-activity';
import { cardOf, extractionIdOf, tempDatabase, textOf, useAppAndConnector } from './support';

const CHANNEL = '19:ops-channel@thread.tacv2';

const postings = (db: string): Array<{ conversation_id: string; activity_id: string }> => {
  const d = new Database(db, { readonly: true });
  try {
    return d.prepare('SELECT conversation_id, activity_id FROM postings ORDER BY conversation_id').all() as Array<{ conversation_id: string; activity_id: string }>;
  } finally {
    d.close();
  }
};

/** A decision updates every posted copy of the card; a copy Teams says is gone is forgotten, the others stay. */
describe('posted copies of a card', () => {
  const e2e = useAppAndConnector();

  test('a 403 on one copy (the bot left that chat) forgets it; the copy in the other chat is updated and kept', async () => {
    const db = tempDatabase();
    const app = await e2e.start({ DATABASE_PATH: db, USER_COMMANDS_PER_MINUTE: '0', PAGE_SIZE: '3', ANALYSTS: MEGAN.aadObjectId ?? '' });
    const connector = e2e.connector();
    await post(app.url, messageActivity('<at>SecretWatch</at> secrets last 30d', { serviceUrl: connector.url, conversationId: CHANNEL, conversationType: 'channel', from: MEGAN }));
    await post(app.url, messageActivity('secrets last 30d', { serviceUrl: connector.url, from: MEGAN, conversationId: 'a:megan-personal' }));
    await app.idle();
    const first = connector.messages().find((m) => m.conversationId === CHANNEL && m.activity.attachments !== undefined && extractionIdOf(cardOf(m)) !== undefined);
    const extractionId = extractionIdOf(cardOf(first));
    const copies = postings(db);
    expect(copies.filter((p) => p.conversation_id === CHANNEL)).toHaveLength(3);
    expect(copies.filter((p) => p.conversation_id === 'a:megan-personal')).toHaveLength(3);

    connector.refuseUpdatesIn(CHANNEL, 403);
    connector.calls.length = 0;
    const res = await post(app.url, actionInvoke('approve', { extractionId }, 'not-a-posted-copy', { serviceUrl: connector.url, from: MEGAN, conversationId: 'a:megan-elsewhere' }));
    expect(textOf((res.body as { value: unknown }).value)).toMatch(/Approved by\s*\| Megan Bowen \(analyst\)/);
    await app.idle();

    // The personal chat's copy was updated; the channel refused, so its copy of this card is forgotten.
    expect(connector.updates().map((u) => u.conversationId)).toEqual(['a:megan-personal']);
    const left = postings(db);
    expect(left.filter((p) => p.conversation_id === CHANNEL)).toHaveLength(2);
    expect(left.filter((p) => p.conversation_id === 'a:megan-personal')).toHaveLength(3);
    // The failure is the bot's to log, not the channel's to read: no error card was posted there.
    expect(connector.messages()).toEqual([]);
  });

  test('a 403 that may pass (the admin disabled the bot for now) keeps the copy', async () => {
    const db = tempDatabase();
    const app = await e2e.start({ DATABASE_PATH: db, USER_COMMANDS_PER_MINUTE: '0', PAGE_SIZE: '3', ANALYSTS: MEGAN.aadObjectId ?? '' });
    const connector = e2e.connector();
    await post(app.url, messageActivity('<at>SecretWatch</at> secrets last 30d', { serviceUrl: connector.url, conversationId: CHANNEL, conversationType: 'channel', from: MEGAN }));
    await app.idle();
    const extractionId = extractionIdOf(cardOf(connector.messages().find((m) => m.activity.attachments !== undefined && extractionIdOf(cardOf(m)) !== undefined)));
    connector.refuseUpdatesIn(CHANNEL, 403, 'BotDisabledByAdmin');
    await post(app.url, actionInvoke('approve', { extractionId }, 'elsewhere', { serviceUrl: connector.url, from: MEGAN, conversationId: 'a:megan-elsewhere' }));
    await app.idle();
    expect(postings(db).filter((p) => p.conversation_id === CHANNEL)).toHaveLength(3);
  });
});
