import Database from 'better-sqlite3';
import type { SecretWatch } from '../../src/app';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { ALEX, MEGAN, actionInvoke, messageActivity, post } from '../support/teams-activity';
import { checkCard } from '../support/adaptive-card';
import { cardOf, extractionIdOf, startApp, tempDatabase, textOf } from './support';

/**
 * The product's spine over real HTTP: a Teams-shaped activity to /api/messages of the running app
 * (CloudAdapter, local mode), replies delivered to a local Bot Connector stand-in.
 */
describe('secrets → cards → Approve, over HTTP', () => {
  let connector: FakeConnector;
  let app: SecretWatch | undefined;
  const dbPath = tempDatabase();

  beforeAll(async () => {
    connector = await startFakeConnector();
  });
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });
  afterAll(async () => {
    await connector.close();
  });

  const opts = (): { serviceUrl: string } => ({ serviceUrl: connector.url });

  test('healthz answers and unknown routes are 404', async () => {
    app = await startApp({ DATABASE_PATH: dbPath });
    const health = await fetch(`${app.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok', mode: 'local', source: 'local' });
    expect((await fetch(`${app.url}/nope`)).status).toBe(404);
    const bad = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(bad.status).toBe(400);
    const notActivity = await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(notActivity.status).toBe(400);
  });

  test('"secrets last 30d": acknowledgement, summary, a page of extraction cards, a pager; Approve records and updates; survives a restart', async () => {
    app = await startApp({ DATABASE_PATH: dbPath });
    connector.calls.length = 0;

    const res = await post(app.url, messageActivity('secrets last 30d', opts()));
    expect(res.status).toBe(200);
    await app.idle();

    const messages = connector.messages();
    expect(messages[0]?.activity.text).toMatch(/Running the hunting query for secret extractions in the last 30 days \(sample data/);
    const cards = messages.slice(1).map(cardOf);
    for (const card of cards) expect(checkCard(card).events).toEqual([]);
    const [summary, ...rest] = cards;
    expect(textOf(summary)).toMatch(/API Management secret extractions/);
    expect(textOf(summary)).toMatch(/Sample data/);
    const extractionCards = rest.filter((c) => extractionIdOf(c) !== undefined);
    expect(extractionCards).toHaveLength(10);
    const pager = rest[rest.length - 1];
    expect(textOf(pager)).toMatch(/^Showing 1–10 of \d+\.$/);
    // Every post is its own message with one attachment, as a reply in the conversation.
    for (const m of messages) expect(m.activity.attachments?.length ?? 0).toBeLessThanOrEqual(1);

    // Approve the first extraction card.
    const target = messages.find((m) => m.activity.attachments !== undefined && extractionIdOf(cardOf(m)) !== undefined);
    const extractionId = extractionIdOf(cardOf(target));
    expect(extractionId).toBeDefined();
    const click = await post(app.url, actionInvoke('approve', { extractionId }, target?.assignedId ?? '', opts()));
    expect(click.status).toBe(200);
    const body = click.body as { statusCode: number; type: string; value: unknown };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(textOf(body.value)).toMatch(/Approved by\s*\| Alex Wilber/);
    expect(extractionIdOf(body.value as Record<string, unknown>)).toBeUndefined(); // buttons gone
    // Everyone's copy is updated too.
    const update = connector.updates().find((u) => u.activityId === target?.assignedId);
    expect(textOf(cardOf(update))).toMatch(/Approved by\s*\| Alex Wilber/);

    // "secrets history <id>" shows the trail.
    connector.calls.length = 0;
    await post(app.url, messageActivity(`secrets history ${extractionId ?? ''}`, opts()));
    const history = textOf(cardOf(connector.messages()[0]));
    expect(history).toMatch(/Decision history/);
    expect(history).toMatch(/Approved by\s*\| Alex Wilber/);
    expect(history).toContain(`Extraction id ${extractionId ?? ''}`);

    // A second click (another person) records nothing and shows the current state.
    const again = await post(app.url, actionInvoke('escalate', { extractionId }, target?.assignedId ?? '', { ...opts(), from: MEGAN }));
    // Megan is neither the principal nor an analyst (local default analyst: Alex): refused, state unchanged.
    expect(textOf((again.body as { value: unknown }).value)).toMatch(/Only the account holder \(the admin named on this card\) or a SecretWatch analyst can answer/);
    expect(textOf((again.body as { value: unknown }).value)).toMatch(/Approved by\s*\| Alex Wilber \(analyst\)/);

    // "Show next 10" posts the next page after answering the click.
    const pagerCall = messages[messages.length - 1];
    const pagerData = ((cardOf(pagerCall)['actions'] as Array<{ data: unknown }>)[0]?.data ?? {}) as Record<string, unknown>;
    const before = connector.messages().length;
    const next = await post(app.url, actionInvoke('nextPage', pagerData, pagerCall?.assignedId ?? '', opts()));
    expect(textOf((next.body as { value: unknown }).value)).toMatch(/The next ones are below/);
    await app.idle();
    const page2 = connector.messages().slice(before).map(cardOf);
    expect(page2.filter((c) => extractionIdOf(c) !== undefined).length).toBeGreaterThan(0);
    expect(textOf(page2[page2.length - 1])).toMatch(/Showing (11–20|11–\d+) of \d+/);

    // A replayed or second click on the same pager posts nothing more; another conversation cannot use it.
    const afterPage2 = connector.messages().length;
    const replay = await post(app.url, actionInvoke('nextPage', pagerData, pagerCall?.assignedId ?? '', { ...opts(), from: MEGAN }));
    expect(textOf((replay.body as { value: unknown }).value)).toMatch(/The next ones are below/);
    const foreign = await post(app.url, actionInvoke('nextPage', { ...pagerData, page: 3 }, 'x', { ...opts(), conversationId: 'a:someone-else' }));
    expect(textOf((foreign.body as { value: unknown }).value)).toMatch(/no longer available/);
    await app.idle();
    expect(connector.messages().length).toBe(afterPage2);

    await app.stop();
    app = undefined;
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT extraction_id, verb, actor_id, actor_name FROM decisions').all()).toEqual([
      { extraction_id: extractionId, verb: 'approve', actor_id: ALEX.aadObjectId, actor_name: ALEX.name },
    ]);
    db.close();

    // Restart on the same database: the card shows the decision.
    app = await startApp({ DATABASE_PATH: dbPath });
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 30d', opts()));
    await app.idle();
    const decided = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : undefined)).find((c) => c !== undefined && /Approved by\s*\| Alex Wilber/.test(textOf(c)));
    expect(decided).toBeDefined();
  });

  test('in a channel the bot’s @mention is stripped; "help" and unknown text get the help card', async () => {
    app = await startApp({ DATABASE_PATH: tempDatabase() });
    connector.calls.length = 0;
    await post(app.url, messageActivity('<at>SecretWatch</at> secrets last 24h', { ...opts(), conversationType: 'channel', conversationId: '19:abc@thread.tacv2;messageid=1' }));
    await app.idle();
    expect(connector.messages()[0]?.activity.text).toMatch(/last 24 hours/);

    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 45d', opts()));
    await post(app.url, messageActivity('what is this', opts()));
    const [tooLong, unknown] = connector.messages().map(cardOf);
    expect(textOf(tooLong)).toMatch(/keeps advanced hunting data for 30 days/);
    expect(textOf(tooLong)).toMatch(/secrets since \d{4}-\d{2}-\d{2}/);
    expect(textOf(unknown)).toMatch(/I don't know the command "what is this"/);
  });

  test('forged and odd clicks change nothing and get a card that says why', async () => {
    app = await startApp({ DATABASE_PATH: tempDatabase() });
    await post(app.url, messageActivity('secrets', opts()));
    await app.idle();
    const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined);
    const extractionId = extractionIdOf(card ?? {});
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['unknown id', actionInvoke('approve', { extractionId: 'b0a1c2d3-0000-4000-8000-000000000099' }, 'x', opts()), /no record of this extraction/],
      ['wrong verb', actionInvoke('delete', { extractionId }, 'x', opts()), /no button with that action/],
      ['id of the wrong type', actionInvoke('approve', { extractionId: 42 }, 'x', opts()), /valid extraction/],
      ['no aadObjectId', actionInvoke('approve', { extractionId }, 'x', { ...opts(), from: { id: '29:guest', name: 'Guest' } }), /which Entra account/],
      ['malformed aadObjectId', actionInvoke('approve', { extractionId }, 'x', { ...opts(), from: { id: '29:x', name: 'X', aadObjectId: '00000000-0000-0000-0000-0000000000020' } }), /which Entra account/],
    ];
    for (const [name, activity, message] of cases) {
      const res = await post(app.url, activity);
      expect({ name, status: res.status }).toEqual({ name, status: 200 });
      expect(textOf((res.body as { value: unknown }).value)).toMatch(message);
    }
    // Still pending: the real click now decides.
    const noReason = await post(app.url, actionInvoke('escalate', { extractionId }, 'x', opts()));
    expect(textOf((noReason.body as { value: unknown }).value)).toMatch(/Escalating needs a reason/);
    const ok = await post(app.url, actionInvoke('escalate', { extractionId, comment: 'unexpected prod key listing' }, 'x', opts()));
    expect(textOf((ok.body as { value: unknown }).value)).toMatch(/Escalated by\s*\| Alex Wilber \(analyst\)/);
  });
});
