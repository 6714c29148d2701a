import Database from 'better-sqlite3';
import type { SecretWatch } from '../../src/app';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { ALEX, MEGAN, actionInvoke, messageActivity, post, type Member } from '../support/teams-activity';
import { cardActions } from '../support/adaptive-card';
import { cardOf, extractionIdOf, startApp, tempDatabase, textOf } from './support';

const ADELE: Member = { id: '29:adele', name: 'Adele Vance', aadObjectId: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f' };

/** The decision workflow over HTTP: Megan is the analyst; Alex is the admin whose extraction it is. */
describe('decision workflow', () => {
  let connector: FakeConnector;
  let app: SecretWatch;
  const db = tempDatabase();
  let extractionId = '';

  beforeAll(async () => {
    connector = await startFakeConnector();
    app = await startApp({ DATABASE_PATH: db, ANALYSTS: MEGAN.aadObjectId ?? '', USER_COMMANDS_PER_MINUTE: '0' });
    await post(app.url, messageActivity('secrets last 30d mine', { serviceUrl: connector.url }));
    await app.idle();
    const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined);
    extractionId = extractionIdOf(card ?? {}) ?? '';
    expect(textOf(card)).toContain(`Object id | `);
    expect(textOf(card)).toContain(ALEX.aadObjectId ?? '');
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
  });

  const click = async (verb: string, from: Member, comment?: string): Promise<string> => {
    const res = await post(app.url, actionInvoke(verb, { extractionId, ...(comment !== undefined && { comment }) }, 'msg-x', { serviceUrl: connector.url, from }));
    expect(res.status).toBe(200);
    return textOf((res.body as { value: unknown }).value);
  };
  const records = (): unknown[] => {
    const d = new Database(db, { readonly: true });
    const rows = d.prepare('SELECT verb, actor_name, role, comment FROM decisions WHERE extraction_id = ? ORDER BY seq').all(extractionId);
    d.close();
    return rows;
  };

  test('actor confirms; a stranger is refused; the analyst escalates; the actor cannot clear it; the analyst approves; history shows it all', async () => {
    expect(await click('approve', ADELE)).toMatch(/Only the account holder \(the admin named on this card\) or a SecretWatch analyst can answer/);
    expect(await click('approve', ALEX)).toMatch(/This is your own extraction: answer with "It was me — authorised" or "Not me"/);
    expect(await click('deny', ALEX)).toMatch(/"Not me" needs a few words/);
    expect(records()).toEqual([]);

    const confirmed = await post(app.url, actionInvoke('confirm', { extractionId, comment: 'rotating the key for the release' }, 'msg-x', { serviceUrl: connector.url, from: ALEX }));
    const alexView = (confirmed.body as { value: Record<string, unknown> }).value;
    expect(textOf(alexView)).toMatch(/Confirmed as authorised by\s*\| Alex Wilber \(the account holder\)/);
    // The card Alex gets back has no button he may not use (the analysts' "Change to escalated").
    expect(cardActions(alexView).map((a) => a['verb'])).toEqual([]);
    expect(JSON.stringify(alexView)).not.toContain('Input.Text'); // nor a comment box for a button he does not have
    // The shared card shows analysts' "Change to escalated" to Alex too: the refusal says what he can do instead.
    expect(await click('change-to-escalated', ALEX, 'oops')).toMatch(/only a SecretWatch analyst can change that now.*ask an analyst to escalate it/);
    expect(await click('change-to-escalated', MEGAN)).toMatch(/Escalating needs a reason/);
    const escalated = await click('change-to-escalated', MEGAN, 'no change ticket for this');
    expect(escalated).toMatch(/Changed to escalated by\s*\| Megan Bowen \(analyst\)/);
    // No "escalate here" channel and no webhook in this run: the card says nobody else heard of it, and how to fix that.
    expect(escalated).toMatch(/no escalation channel is set, so no one else was notified.*secrets escalate here/);
    expect(await click('confirm', ALEX)).toMatch(/only a SecretWatch analyst can clear it/);
    expect(await click('change-to-approved', ALEX, 'it was me')).toMatch(/only a SecretWatch analyst can clear it/);
    // Setting an escalation aside needs a reason, like escalating does.
    expect(await click('change-to-approved', MEGAN)).toMatch(/Approving after an escalation needs a reason/);
    expect(await click('change-to-approved', MEGAN, 'ticket CHG-1234 found')).toMatch(/Approved after review by\s*\| Megan Bowen \(analyst\)/);

    expect(records()).toEqual([
      { verb: 'confirm', actor_name: 'Alex Wilber', role: 'actor', comment: 'rotating the key for the release' },
      { verb: 'change-to-escalated', actor_name: 'Megan Bowen', role: 'analyst', comment: 'no change ticket for this' },
      { verb: 'change-to-approved', actor_name: 'Megan Bowen', role: 'analyst', comment: 'ticket CHG-1234 found' },
    ]);
    connector.calls.length = 0;
    await post(app.url, messageActivity(`secrets history ${extractionId}`, { serviceUrl: connector.url }));
    const history = textOf(cardOf(connector.messages()[0]));
    expect(history.indexOf('Confirmed as authorised')).toBeLessThan(history.indexOf('Changed to escalated'));
    expect(history.indexOf('Changed to escalated')).toBeLessThan(history.indexOf('Changed to approved'));
    expect(history).toContain('"no change ticket for this"');
  });

  test('a stale card cannot overturn a newer decision, even when the status looks the same again', async () => {
    // The first test left this extraction approved after review (3 decisions: version 3).
    expect(await click('change-to-escalated', MEGAN, 'new evidence')).toMatch(/Changed to escalated by/);
    // Replay of the card drawn at version 3 (approved): status is escalated → stale.
    const res = await post(app.url, actionInvoke('change-to-escalated', { extractionId, seen: 3, comment: 'x' }, 'msg-x', { serviceUrl: connector.url, from: MEGAN }));
    expect(textOf((res.body as { value: unknown }).value)).toMatch(/out of date/);
    // A card drawn when it was escalated the first time (version 2) asks to approve: the status matches, the version does not.
    const stale = await post(app.url, actionInvoke('change-to-approved', { extractionId, seen: 2, comment: 'old card' }, 'msg-x', { serviceUrl: connector.url, from: MEGAN }));
    expect(textOf((stale.body as { value: unknown }).value)).toMatch(/decided after this card was shown/);
    expect((records() as Array<{ verb: string }>).map((r) => r.verb)).toEqual(['confirm', 'change-to-escalated', 'change-to-approved', 'change-to-escalated']);
  });

  test('50 concurrent conflicting clicks on a pending extraction: exactly one decision, every answer shows the winner', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 30d by 2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f', { serviceUrl: connector.url }));
    await app.idle();
    const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined);
    extractionId = extractionIdOf(card ?? {}) ?? '';
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => (i % 2 === 0 ? click('approve', MEGAN) : click('escalate', MEGAN, `race ${i}`))),
    );
    const rows = records() as Array<{ verb: string }>;
    expect(rows).toHaveLength(1);
    const winner = rows[0]?.verb === 'approve' ? /Approved by\s*\| Megan Bowen/ : /Escalated by\s*\| Megan Bowen/;
    for (const a of answers) expect(a).toMatch(winner);
    expect(answers.filter((a) => /the card you clicked was out of date/.test(a))).toHaveLength(49);
  });
});

describe('everyone sees the outcome', () => {
  test('a decision updates every posted copy of the card, in every conversation', async () => {
    const connector = await startFakeConnector();
    const app = await startApp({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' });
    try {
      const channel = { serviceUrl: connector.url, conversationId: '19:soc@thread.tacv2;messageid=1', conversationType: 'channel' as const };
      const chat = { serviceUrl: connector.url, conversationId: 'a:personal-chat' };
      await post(app.url, messageActivity('<at>SecretWatch</at> secrets last 7d', channel));
      await post(app.url, messageActivity('secrets last 7d', chat));
      await app.idle();
      const copies = connector.messages().filter((m) => m.activity.attachments !== undefined && extractionIdOf(cardOf(m)) !== undefined);
      const id = extractionIdOf(cardOf(copies[0]));
      const same = copies.filter((m) => extractionIdOf(cardOf(m)) === id);
      expect(new Set(same.map((m) => m.conversationId))).toEqual(new Set([channel.conversationId, chat.conversationId]));

      const clicked = same.find((m) => m.conversationId === chat.conversationId);
      const res = await post(app.url, actionInvoke('approve', { extractionId: id }, clicked?.assignedId ?? '', chat));
      expect(textOf((res.body as { value: unknown }).value)).toMatch(/Approved by\s*\| Alex Wilber \(analyst\)/);
      await app.idle();
      const updated = connector.updates().map((u) => `${u.conversationId}/${u.activityId ?? ''}`);
      for (const copy of same) expect(updated).toContain(`${copy.conversationId}/${copy.assignedId}`);
      for (const u of connector.updates()) expect(textOf(cardOf(u))).toMatch(/Approved by\s*\| Alex Wilber \(analyst\)/);
    } finally {
      await app.stop();
      await connector.close();
    }
  });
});

describe('per-viewer buttons through Universal Actions refresh', () => {
  test('posted cards list the principal and analysts seen for refresh; each gets only their own buttons', async () => {
    const connector = await startFakeConnector();
    const app = await startApp({ DATABASE_PATH: tempDatabase(), ANALYSTS: MEGAN.aadObjectId ?? '', USER_COMMANDS_PER_MINUTE: '0' });
    try {
      // Megan and Alex have talked to the bot, so their Teams ids are known.
      await post(app.url, messageActivity('help', { serviceUrl: connector.url, from: MEGAN }));
      connector.calls.length = 0;
      await post(app.url, messageActivity('secrets last 30d mine', { serviceUrl: connector.url, from: ALEX }));
      await app.idle();
      const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined) ?? {};
      const refresh = card['refresh'] as { action: { verb: string; data: unknown }; userIds: string[] };
      expect(refresh.action.verb).toBe('refresh');
      expect(new Set(refresh.userIds)).toEqual(new Set([ALEX.id, MEGAN.id]));
      const id = extractionIdOf(card);

      const verbsFor = async (from: Member): Promise<string[]> => {
        const res = await post(app.url, { ...actionInvoke('refresh', { extractionId: id }, 'x', { serviceUrl: connector.url, from }), value: { action: { type: 'Action.Execute', verb: 'refresh', data: { extractionId: id } }, trigger: 'automatic' } });
        const value = (res.body as { value: { actions?: Array<{ verb: string }> } }).value;
        return (value.actions ?? []).map((a) => a.verb);
      };
      expect(await verbsFor(ALEX)).toEqual(['confirm', 'deny']);
      expect(await verbsFor(MEGAN)).toEqual(['approve', 'escalate']);
      expect(await verbsFor(ADELE)).toEqual([]);
    } finally {
      await app.stop();
      await connector.close();
    }
  });
});
