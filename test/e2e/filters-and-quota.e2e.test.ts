import { SIGNALS } from '../../src/risk/signal';
import type { SecretWatch } from '../../src/app';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { ALEX, messageActivity, post, type Member } from '../support/teams-activity';
import { cardOf, startApp, useAppAndConnector, tempDatabase, textOf } from './support';

/** Filters, `secrets kql`, the result cache and the per-user rate limit, through the running bot. */
describe('filters, kql, cache and rate limit over HTTP', () => {
  const e2e = useAppAndConnector();
  let app: SecretWatch | undefined;
  let connector: FakeConnector;
  /** A fresh app for the test; `connector` is the describe block's Bot Connector stand-in. */
  async function start(env: Record<string, string>): Promise<SecretWatch> {
    app = await e2e.start(env);
    connector = e2e.connector();
    return app;
  }

  async function ask(text: string, from: Member = ALEX): Promise<string[]> {
    if (app === undefined) throw new Error('no app');
    connector.calls.length = 0;
    await post(app.url, messageActivity(text, { serviceUrl: connector.url, from }));
    await app.idle();
    return connector.messages().map((m) => (m.activity.attachments ? textOf(cardOf(m)) : (m.activity.text ?? '')));
  }

  test('"mine" shows only the asker’s own extractions, and the summary says it is filtered', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    const replies = await ask('secrets last 30d mine');
    // The summary names the principal (the answer's directory lookup knew Alex), not just the id.
    expect(replies[1]).toMatch(/Filtered: by Alex Wilber \(alex\.wilber@contoso\.com\)/);
    const cards = replies.slice(2).filter((t) => t.includes('Who'));
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toContain(`| ${ALEX.aadObjectId} |`); // the Object id fact
    // Named from the local directory file (Graph getByIds format).
    for (const c of cards) expect(c).toContain('Alex Wilber (alex.wilber@contoso.com) · Developer, Payments');

    const guest = await ask('secrets mine', { id: '29:guest', name: 'Guest' });
    expect(guest[0]).toMatch(/"mine" cannot be resolved/);
  });

  test('"sub" keeps only that subscription and says so (regression: it was silently dropped)', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    const SUB = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
    const replies = await ask(`secrets last 30d sub ${SUB} top 25`);
    expect(replies[1]).toContain(`Filtered: subscription ${SUB}`);
    const cards = replies.filter((t) => t.includes('Who'));
    expect(cards.length).toBeGreaterThan(0);
    for (const c of cards) expect(c).toContain(SUB);
    const all = (await ask('secrets last 30d top 25')).filter((t) => t.includes('Who'));
    expect(cards.length).toBeLessThan(all.length);
    connector.calls.length = 0;
    const kql = await ask(`secrets kql last 30d sub ${SUB}`);
    expect(kql[0]).toContain(`| where SubscriptionID =~ "${SUB}"`);
  });

  test('"failed" keeps only failed attempts; "pending" hides decided ones; "top 3" pages by 3', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    const failed = (await ask('secrets last 30d failed')).slice(2).filter((t) => t.includes('Who'));
    expect(failed.length).toBeGreaterThan(0);
    for (const c of failed) expect(c).toMatch(/Forbidden|Failed/);

    const top = await ask('secrets last 30d top 3');
    expect(top.filter((t) => t.includes('Who'))).toHaveLength(3);
    expect(top[top.length - 1]).toMatch(/^Showing 1–3 of \d+\.$/);
  });

  test('"secrets kql" shows the exact KQL with the filter as an escaped literal, and queries nothing', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    connector.calls.length = 0;
    const res = await post(app.url, messageActivity('secrets kql last 24h service APIM-Contoso-Prod failed', { serviceUrl: connector.url }));
    expect(res.status).toBe(200);
    await app.idle();
    const [card] = connector.messages().map((m) => cardOf(m));
    const text = textOf(card);
    expect(text).toMatch(/PT24H/);
    expect(text).toContain('| where Timestamp > ago(24h)');
    expect(text).toContain(`| where extract(@'(?i)/providers/[^/"]+/[^/"]+/([^/"]+)', 1, Properties) =~ "apim-contoso-prod"`);
    expect(text).toMatch(/Applied by SecretWatch after the query.*failed attempts only/);
    const actions = card?.['actions'] as Array<{ url?: string }>;
    expect(actions[0]?.url).toMatch(/^https:\/\/security\.microsoft\.com\/v2\/advanced-hunting\?query=/);
  });

  test('identical asks reuse the answer and say how old it is; "fresh" fetches again', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    // Local mode: the data is said to come from the sample file, never from Defender.
    expect((await ask('secrets last 7d'))[1]).toMatch(/Data just read from the sample file/);
    expect((await ask('secrets last 7d'))[1]).toMatch(/Data just read from the sample file|Data read from the sample file \d+ seconds ago/);
    expect((await ask('secrets last 7d fresh'))[1]).toMatch(/Data just read from the sample file/);
    expect((await ask('secrets last 7d'))[1]).not.toMatch(/Defender\./);
  });

  test('a user over the per-minute limit is answered at once with when to retry; others are not affected', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '2' });
    await ask('secrets');
    await ask('secrets');
    const third = await ask('secrets');
    expect(third).toHaveLength(1);
    expect(third[0]).toMatch(/RATE_LIMITED/);
    expect(third[0]).toMatch(/Try again in \d+ seconds/);
    const other = await ask('secrets', { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5' });
    expect(other[1]).toMatch(/API Management secret extractions/);
  });

  test('"secrets kql by <name>" runs no query but looks names up: it counts against the limit; kql without a name does not', async () => {
    app = await start({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '2' });
    expect((await ask('secrets kql last 7d by "Adele Vance"'))[0]).toContain('| where PrincipalOID =~ "2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f"');
    expect((await ask('secrets kql by adele.vance@contoso.com'))[0]).not.toMatch(/RATE_LIMITED/);
    const third = await ask('secrets kql by "Nobody Here"');
    expect(third).toHaveLength(1);
    expect(third[0]).toMatch(/RATE_LIMITED/);
    for (let i = 0; i < 3; i += 1) expect((await ask('secrets kql last 7d'))[0]).not.toMatch(/RATE_LIMITED/);
  });
});

describe('secrets pending', () => {
  test('lists undecided extractions riskiest first, then oldest first', async () => {
    const connector = await startFakeConnector();
    const app = await startApp({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    try {
      await post(app.url, messageActivity('secrets last 30d pending top 25', { serviceUrl: connector.url }));
      await app.idle();
      const cards = connector.messages().slice(1).map((m) => cardOf(m));
      expect(textOf(cards[0])).toMatch(/riskiest first, then oldest first/);
      // Each card's score from the chips it shows (label → weight), and its time.
      const weights = new Map([...SIGNALS.values()].map((i) => [i.label, i.weight]));
      const shown = cards.slice(1).flatMap((c) => {
        const parts = textOf(c).split(' | ');
        const time = /\{\{DATE\((\S+), SHORT\)\}\}/.exec(parts.find((t) => t.includes('{{DATE(')) ?? '')?.[1];
        if (time === undefined) return [];
        return [{ time, score: parts.reduce((sum, p) => sum + (weights.get(p) ?? 0), 0) }];
      });
      expect(shown.length).toBeGreaterThan(1);
      expect(shown[0]?.score).toBeGreaterThan(0);
      const sorted = [...shown].sort((a, b) => b.score - a.score || (a.time < b.time ? -1 : a.time > b.time ? 1 : 0));
      expect(shown).toEqual(sorted);
    } finally {
      await app.stop();
      await connector.close();
    }
  });
});
