import { checkCard } from '../support/adaptive-card';
import type { FakeConnector } from '../support/fake-connector';
import { ALEX, actionInvoke, messageActivity, post } from '../support/teams-activity';
import { cardOf, extractionIdOf, tempDatabase, useAppAndConnector, textOf } from './support';

const DIEGO = 'e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c';
const SOC_CHANNEL = { conversationId: '19:soc-secrets@thread.tacv2', conversationType: 'channel' } as const;

/**
 * Issue 5's promise, end to end in local mode over HTTP: in the bundled sample, Diego's off-hours
 * extraction from an anonymous proxy he never used before and Lynne's run of Forbidden attempts
 * come first, each with its chips, and the summary counts the signals.
 */
describe('risk signals on the sample data, over HTTP', () => {
  const e2e = useAppAndConnector();
  const connector = (): FakeConnector => e2e.connector();

  test('"secrets last 30d top 25" in the SOC channel: risky first, chips on the cards, counts on the summary, the admin @mentioned', async () => {
    const app = await e2e.start({ DATABASE_PATH: tempDatabase() });
    await post(app.url, messageActivity('<at>SecretWatch</at> secrets last 30d top 25', { serviceUrl: connector().url, ...SOC_CHANNEL }));
    await app.idle();

    const cards = connector().messages().slice(1).map(cardOf);
    for (const card of cards) expect(checkCard(card).events).toEqual([]);
    const [summary, first, second, third] = cards;
    const summaryText = textOf(summary);
    expect(summaryText).toMatch(/\d+ of \d+ extractions carry risk signals; they are listed first:/);
    expect(summaryText).toMatch(/3 \| Anonymous proxy/);
    expect(summaryText).toMatch(/3 \| Repeated failures/);
    expect(summaryText).toMatch(/listed first|riskiest first/);

    // First: Diego's 03:12 UTC extraction from 198.51.100.203 (anonymous proxy, NL), the first time he was seen.
    const diego = textOf(first);
    expect(diego).toMatch(/apim-contoso-prod/);
    expect(diego).toMatch(/Diego Siciliani/);
    for (const chip of ['Anonymous proxy', 'New IP', 'First time on this service', 'Off hours']) expect(diego).toContain(chip);
    expect(diego).toMatch(/198\.51\.100\.203: this principal's first extraction in the \d+ days of history before it/);
    expect(diego).toMatch(/03:12 UTC, outside Mon–Fri 08:00–18:00/);
    // The pending card @mentions him by his Entra object id, so Teams notifies him where it is posted.
    expect(diego).toContain('<at>Diego Siciliani</at>, was this you?');
    expect((first?.['msteams'] as { entities?: unknown }).entities).toEqual([
      { type: 'mention', text: '<at>Diego Siciliani</at>', mentioned: { id: DIEGO, name: 'Diego Siciliani' } },
    ]);

    // Second: Lynne's first Forbidden attempt of three within three minutes.
    const lynne = textOf(second);
    expect(lynne).toMatch(/Lynne Robbins/);
    expect(lynne).toMatch(/Forbidden/);
    for (const chip of ['Repeated failures', 'Failed attempt']) expect(lynne).toContain(chip);
    expect(lynne).toContain('3 failed attempts by this principal within 10 minutes');
    // Third: Diego's refused attempt on another service two minutes later.
    expect(textOf(third)).toMatch(/Diego Siciliani/);
    expect(textOf(third)).toMatch(/apim-contoso-partners/);

    // Unremarkable extractions come after every card with a signal.
    const extractionCards = cards.filter((c) => extractionIdOf(c) !== undefined);
    const flagged = extractionCards.map((c) => /Anonymous proxy|Repeated failures|New IP|App from new IP|Unusual country|Burst|First time on this service|Off hours|Failed attempt/.test(textOf(c)));
    expect(flagged.indexOf(false)).toBeGreaterThan(2);
    expect(flagged.slice(flagged.indexOf(false))).not.toContain(true);
  });

  test('in a personal chat only the person in it is @mentioned: the others are not there to be notified', async () => {
    const app = await e2e.start({ DATABASE_PATH: tempDatabase() });
    await post(app.url, messageActivity('secrets last 30d top 25', { serviceUrl: connector().url, from: ALEX }));
    await app.idle();

    const cards = connector().messages().slice(1).map(cardOf).filter((c) => extractionIdOf(c) !== undefined);
    const mentioned = cards.flatMap((c) => ((c['msteams'] as { entities?: Array<{ mentioned: { id: string } }> }).entities ?? []).map((m) => m.mentioned.id));
    const alexPending = cards.filter((c) => /Alex Wilber/.test(textOf(c)) && /It was me/.test(JSON.stringify(c)));
    expect(alexPending.length).toBeGreaterThan(0);
    expect(new Set(mentioned)).toEqual(new Set([ALEX.aadObjectId]));
    expect(mentioned).toHaveLength(alexPending.length);
    expect(cards.map(textOf).join('\n')).not.toContain('<at>Diego Siciliani</at>');
    for (const card of alexPending) expect(textOf(card)).toContain('<at>Alex Wilber</at>, was this you?');

    // A refused click (Escalate without a reason) re-draws Diego's card for Alex: still no mention of Diego.
    const diegoCard = cards.find((c) => /Diego Siciliani/.test(textOf(c)));
    const res = await post(app.url, actionInvoke('escalate', { extractionId: extractionIdOf(diegoCard ?? {}), comment: '' }, 'msg-1', { serviceUrl: connector().url, from: ALEX }));
    const redrawn = (res.body as { value: Record<string, unknown> }).value;
    expect(textOf(redrawn)).toMatch(/Escalating needs a reason/);
    expect((redrawn['msteams'] as { entities?: unknown[] }).entities ?? []).toEqual([]);
    expect(textOf(redrawn)).not.toContain('<at>');
  });
});
