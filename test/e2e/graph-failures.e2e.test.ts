import type { SecretWatch } from '../../src/app';
import { createGraphPoster } from '../../src/graph/client';
import { GraphHuntingSource } from '../../src/hunting/graph-source';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { graphBehaviour, startFakeGraph, type FakeGraph, type FakeGraphBehaviour } from '../support/fake-graph';
import { actionInvoke, messageActivity, post } from '../support/teams-activity';
import { cardOf, extractionIdOf, startApp, tempDatabase, textOf } from './support';

/** The defender source inside the running bot, against a local server that answers as Graph does. */
describe('Defender failures reach the user as error cards; the bot keeps serving', () => {
  let connector: FakeConnector;
  let graph: FakeGraph;
  let app: SecretWatch;
  /** The app's clock: moved past a quota block so each case starts unblocked. */
  let clock = Date.now();

  beforeAll(async () => {
    connector = await startFakeConnector();
    graph = await startFakeGraph();
    const credential = { getToken: () => Promise.resolve({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const source = new GraphHuntingSource(createGraphPoster({ credential, baseUrl: graph.url }), 500);
    app = await startApp({ DATABASE_PATH: tempDatabase(), CACHE_TTL_SECONDS: '0', USER_COMMANDS_PER_MINUTE: '0' }, { source, now: () => new Date(clock) });
  });
  afterAll(async () => {
    await app.stop();
    await graph.close();
    await connector.close();
  });

  async function ask(text: string): Promise<string[]> {
    connector.calls.length = 0;
    const res = await post(app.url, messageActivity(text, { serviceUrl: connector.url }));
    expect(res.status).toBe(200);
    await app.idle();
    return connector.messages().slice(1).map((m) => textOf(cardOf(m)));
  }

  const failures: Array<[string, FakeGraphBehaviour, RegExp, RegExp]> = [
    ['400 bad query', graphBehaviour.badQuery(), /HUNTING_BAD_QUERY/, /Failed to resolve column/],
    ['401', graphBehaviour.unauthorized(), /HUNTING_UNAUTHORIZED/, /credentials/],
    ['403', graphBehaviour.forbidden(), /HUNTING_FORBIDDEN/, /ThreatHunting\.Read\.All/],
    ['429 with Retry-After', graphBehaviour.throttled(90), /HUNTING_THROTTLED/, /Try again after \d{2}:\d{2} UTC \(in 2 minutes\)/],
    ['429 without Retry-After', graphBehaviour.throttled(), /HUNTING_THROTTLED/, /Try again after \d{2}:\d{2} UTC/],
    ['500', graphBehaviour.unknownError(), /HUNTING_UNAVAILABLE/, /Try again in a minute/],
    ['a hang past the timeout', graphBehaviour.hang(), /HUNTING_TIMEOUT/, /shorter window/],
  ];

  test.each(failures)('%s → an error card with the code and what to do, then the next ask works', async (name, behaviour, code, hint) => {
    graph.reply(behaviour);
    const [errorCard, ...others] = await ask('secrets last 7d');
    expect(others).toEqual([]);
    expect(errorCard).toMatch(/The hunting query failed/);
    expect(errorCard).toMatch(code);
    expect(errorCard).toMatch(hint);

    if (name.startsWith('429')) {
      // Quota block: the next ask is answered at once, and Defender is not called until the block lifts.
      const calls = graph.requests.length;
      const blocked = await ask('secrets last 30d');
      expect(blocked[0]).toMatch(/HUNTING_THROTTLED/);
      expect(blocked[0]).toMatch(/Try again after \d{2}:\d{2} UTC/);
      expect(graph.requests.length).toBe(calls);
      clock += 16 * 60 * 1000;
    }
    const next = await ask('secrets last 30d');
    expect(next[0]).toMatch(/API Management secret extractions/);
  });

  test('the seed’s own 7-column answer renders (fields it lacks are simply not shown) and its cards can be decided', async () => {
    graph.reply(graphBehaviour.ok());
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 30d', { serviceUrl: connector.url }));
    await app.idle();
    const request = graph.requests[graph.requests.length - 1];
    expect(request?.body).toEqual({ Query: expect.stringContaining('| where Timestamp > ago(30d)'), Timespan: 'P30D' });
    const calls = connector.messages().filter((m) => m.activity.attachments !== undefined);
    const summary = textOf(cardOf(calls[0]));
    expect(summary).not.toMatch(/Sample data/); // defender data is never labelled sample
    const target = calls.find((c) => extractionIdOf(cardOf(c)) !== undefined);
    const id = extractionIdOf(cardOf(target));
    expect(id).toMatch(/^h-[0-9a-f]{32}$/); // no ReportId in the seed projection: a stable hash
    expect(textOf(cardOf(target))).not.toMatch(/User agent/);
    const click = await post(app.url, actionInvoke('approve', { extractionId: id }, target?.assignedId ?? '', { serviceUrl: connector.url }));
    expect(textOf((click.body as { value: unknown }).value)).toMatch(/Approved by/);
  });
});
