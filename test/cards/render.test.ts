import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorCardData } from '../../src/cards/error-card';
import { extractionCardData } from '../../src/cards/extraction-card';
import { helpCardData } from '../../src/cards/help-card';
import { pagerCardData } from '../../src/cards/pager-card';
import { renderCard, type AdaptiveCardJson } from '../../src/cards/render';
import { emptyCardData, summaryCardData } from '../../src/cards/summary-card';
import type { Actor, DecisionStatus, ExtractionState } from '../../src/decisions/decision';
import { AppError, ErrorCode } from '../../src/errors';
import { describeClientApplication } from '../../src/hunting/clients';
import { toExtractions, type Extraction } from '../../src/hunting/extraction';
import { parseHuntingResponse } from '../../src/hunting/rows';
import { cardActions, cardTexts, checkCard, stringsContaining } from '../support/adaptive-card';

const ROOT = join(__dirname, '../..');
const NOW = new Date('2024-07-24T12:00:00.000Z');
const START = new Date('2024-07-17T12:00:00.000Z');
const ALICE: Actor = { id: '3f1e2d4c-5b6a-4798-8a0b-1c2d3e4f5a6b', name: 'Alice Example' };

function extractionsOf(file: string): Extraction[] {
  return toExtractions(parseHuntingResponse(JSON.parse(readFileSync(join(ROOT, file), 'utf8'))).rows);
}
const seed = extractionsOf('test/fixtures/graph/runHuntingQuery.seed-projection.json');
const sample = extractionsOf('data/sample/hunting.json');

function first<T>(list: readonly T[]): T {
  const x = list[0];
  if (x === undefined) throw new Error('empty list');
  return x;
}
const base = first(sample);

function state(extraction: Extraction, status: DecisionStatus = 'pending', actor: Actor = ALICE): ExtractionState {
  if (status === 'pending') return { extraction, status };
  return { extraction, status, decision: { extractionId: extraction.id, verb: status === 'approved' ? 'approve' : 'escalate', status, actor, decidedAt: NOW } };
}

/** Zero parse/validation events, version 1.5, nothing left unexpanded. */
function expectValidCard(card: AdaptiveCardJson): void {
  expect(JSON.stringify(card)).not.toContain('${');
  expect(card['version']).toBe('1.5');
  const check = checkCard(card);
  expect(check.events).toEqual([]);
  expect(check.version).toBe('1.5');
}

const bare: Extraction = { id: 'h-0123456789abcdef0123456789abcdef', time: START, operation: 'unknown operation', application: describeClientApplication(undefined), outcome: 'unknown' };
const header = { windowLabel: 'last 7 days', windowPhrase: 'in the last 7 days', start: START, end: NOW, filterNote: '', fetchedAt: NOW, now: NOW };
const summaryInput = { ...header, extractions: sample, defenderUrl: 'https://security.microsoft.com/v2/advanced-hunting?query=abc&timeRangeId=week', pageSize: 10, skippedRows: 0 };
const boom = new AppError(ErrorCode.HuntingThrottled, 'Defender is throttling us.', { hint: 'Wait a minute.', upstreamRequestId: 'c0ffee00-1111-2222-3333-444455556666' });

const cases: Array<[string, () => AdaptiveCardJson]> = [
  ['summary (sample)', () => renderCard('summary', summaryCardData({ ...summaryInput, sample: true }))],
  ['summary (tenant, skipped rows, all on one page)', () => renderCard('summary', summaryCardData({ ...summaryInput, sample: false, pageSize: 100, skippedRows: 3 }))],
  ['summary (seed projection)', () => renderCard('summary', summaryCardData({ ...summaryInput, extractions: seed, sample: false }))],
  ['extraction pending', () => renderCard('extraction', extractionCardData(state(base), { sample: false }))],
  ['extraction approved', () => renderCard('extraction', extractionCardData(state(base, 'approved'), { sample: false }))],
  ['extraction escalated', () => renderCard('extraction', extractionCardData(state(base, 'escalated'), { sample: false }))],
  ['extraction with notice', () => renderCard('extraction', extractionCardData(state(base, 'approved'), { sample: false, notice: 'Already approved by Alice Example: your click changed nothing.' }))],
  ['extraction sample', () => renderCard('extraction', extractionCardData(state(base), { sample: true }))],
  ['extraction outcome succeeded', () => renderCard('extraction', extractionCardData(state({ ...base, outcome: 'succeeded', statusCode: 'OK' }), { sample: false }))],
  ['extraction outcome forbidden', () => renderCard('extraction', extractionCardData(state({ ...base, outcome: 'forbidden', statusCode: 'Forbidden' }), { sample: false }))],
  ['extraction outcome failed', () => renderCard('extraction', extractionCardData(state({ ...base, outcome: 'failed', statusCode: 'Conflict' }), { sample: false }))],
  ['extraction outcome unknown', () => renderCard('extraction', extractionCardData(state({ ...base, outcome: 'unknown' }), { sample: false }))],
  ['extraction with every optional field missing', () => renderCard('extraction', extractionCardData(state(bare), { sample: false }))],
  ['extraction decided with every optional field missing', () => renderCard('extraction', extractionCardData(state(bare, 'escalated', { id: ALICE.id, name: '' }), { sample: true }))],
  ['pager with more', () => renderCard('pager', pagerCardData('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 1, 10, 37))],
  ['pager without more', () => renderCard('pager', pagerCardData('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 4, 10, 37))],
  ['help', () => renderCard('help', helpCardData(NOW))],
  ['help with message', () => renderCard('help', helpCardData(NOW, 'I did not understand "secrets yesterday".'))],
  ['empty (sample)', () => renderCard('empty', emptyCardData({ ...header, sample: true, defenderUrl: 'https://security.microsoft.com/v2/advanced-hunting?query=x' }))],
  ['empty (tenant)', () => renderCard('empty', emptyCardData({ ...header, sample: false, filterNote: 'Filtered: by Adele Vance.', defenderUrl: 'https://security.microsoft.com/v2/advanced-hunting?query=x' }))],
  ['error with reference', () => renderCard('error', errorCardData(boom, NOW))],
  ['error without reference', () => renderCard('error', errorCardData(new AppError(ErrorCode.Internal, 'Unexpected error: x'), NOW, 'Could not list secrets'))],
];

describe('renderCard + adaptivecards', () => {
  test.each(cases)('%s is a valid 1.5 card', (_name, build) => expectValidCard(build()));

  test.each([
    ['seed projection', seed],
    ['bundled sample', sample],
  ])('every extraction of the %s renders as a valid card', (_name, list) => {
    expect(list.length).toBeGreaterThan(0);
    for (const e of list) for (const sampleFlag of [true, false]) expectValidCard(renderCard('extraction', extractionCardData(state(e), { sample: sampleFlag })));
  });
});

describe('what the cards show', () => {
  const texts = (card: AdaptiveCardJson): string[] => {
    const t = cardTexts(card);
    return [...t.textBlocks, ...t.textRuns];
  };

  test('sample banner only for sample data', () => {
    expect(texts(renderCard('extraction', extractionCardData(state(base), { sample: true })))).toContain('Sample data, not your tenant');
    expect(texts(renderCard('extraction', extractionCardData(state(base), { sample: false })))).not.toContain('Sample data, not your tenant');
  });

  test.each([
    ['succeeded', 'OK', 'Secrets listed'],
    ['forbidden', 'Forbidden', 'Forbidden'],
    ['failed', 'Conflict', 'Failed: Conflict'],
    ['unknown', undefined, 'Outcome unknown'],
  ] as const)('outcome %s (statusCode %s) reads "%s"', (outcome, statusCode, shown) => {
    const { statusCode: _drop, ...rest } = base;
    const e: Extraction = { ...rest, outcome, ...(statusCode !== undefined && { statusCode }) };
    expect(cardTexts(renderCard('extraction', extractionCardData(state(e), { sample: false }))).textRuns).toContain(shown);
  });

  test('extraction with every optional field missing still says what is known', () => {
    const t = texts(renderCard('extraction', extractionCardData(state(bare), { sample: false })));
    expect(t).toEqual(expect.arrayContaining(['API Management service (name not logged)', 'Who', 'unknown principal', 'Tool', 'unknown application', 'From', 'unknown IP', 'Outcome unknown']));
    for (const label of ['Keys', 'Subscription', 'Resource group', 'User agent']) expect(t).not.toContain(label);
  });

  test('notice shows in a TextRun', () => {
    const card = renderCard('extraction', extractionCardData(state(base, 'approved'), { sample: false, notice: 'Already approved.' }));
    expect(cardTexts(card).textRuns).toContain('Already approved.');
  });

  test('pager with more has a nextPage button; without more it has none', () => {
    const more = renderCard('pager', pagerCardData('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 1, 10, 37));
    expect(cardTexts(more).textBlocks).toEqual(['Showing 1–10 of 37.']);
    expect(cardActions(more)).toEqual([expect.objectContaining({ type: 'Action.Execute', verb: 'nextPage', title: 'Show next 10', data: { resultId: '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', page: 2 } })]);
    const last = renderCard('pager', pagerCardData('6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f', 4, 10, 37));
    expect(cardTexts(last).textBlocks).toEqual(['Showing 31–37 of 37.']);
    expect(cardActions(last)).toEqual([]);
  });

  test('help message and error reference appear only when given', () => {
    expect(cardTexts(renderCard('help', helpCardData(NOW, 'Try "help".'))).textRuns).toContain('Try "help".');
    expect(stringsContaining(renderCard('help', helpCardData(NOW)), 'Try')).toEqual([]);
    expect(cardTexts(renderCard('error', errorCardData(boom, NOW))).textRuns).toContain('Reference c0ffee00-1111-2222-3333-444455556666');
    expect(stringsContaining(renderCard('error', errorCardData(new AppError(ErrorCode.Internal, 'x'), NOW)), 'Reference')).toEqual([]);
  });
});

describe('data text cannot become markup', () => {
  const HOSTILE = '**bold** [link](https://evil.example) _x_ # h ${jndi:ldap://x} {{DATE(2024-01-01T00:00:00Z, SHORT)}}\nline two\r\nline three';
  /** Fragments that can only come from HOSTILE; each must be shown, and only inside TextRuns. */
  const MARKERS = ['**bold**', '[link](https://evil.example)', '_x_', 'jndi:ldap://x', '2024-01-01T00:00:00Z', 'line two', 'line three'];

  function expectDataOnlyInTextRuns(card: AdaptiveCardJson): void {
    expect(JSON.stringify(card)).not.toContain('${');
    for (const marker of MARKERS) {
      const places = stringsContaining(card, marker);
      expect(places.length).toBeGreaterThan(0);
      expect(places.filter((p) => p.ownerType !== 'TextRun' || p.key !== 'text')).toEqual([]);
    }
    const { textBlocks, textRuns } = cardTexts(card);
    for (const marker of MARKERS) expect(textBlocks.filter((t) => t.includes(marker))).toEqual([]);
    const fromData = textRuns.filter((t) => t.includes('evil.example'));
    for (const t of fromData) {
      expect(t).not.toContain('{{');
      expect(t).not.toMatch(/[\r\n]/);
    }
    expectValidCard(card);
  }

  test('userAgent, service and isp with markdown, template and Teams DATE syntax', () => {
    const e: Extraction = { ...base, userAgent: HOSTILE, service: HOSTILE, isp: HOSTILE };
    for (const status of ['pending', 'approved', 'escalated'] as const) {
      const card = renderCard('extraction', extractionCardData(state(e, status), { sample: true }));
      expectDataOnlyInTextRuns(card);
      expect(stringsContaining(card, 'line two').map((p) => p.value)).toEqual(expect.arrayContaining([expect.stringContaining('{\u200b{DATE(2024-01-01T00:00:00Z')]));
    }
  });

  test('actor name with markdown in the decided state, and in the notice', () => {
    const actor: Actor = { id: ALICE.id, name: HOSTILE };
    const card = renderCard('extraction', extractionCardData(state(base, 'approved', actor), { sample: false, notice: `Already approved by ${actor.name}: your click changed nothing.` }));
    expectDataOnlyInTextRuns(card);
  });

  test('help message and error text from outside stay in TextRuns', () => {
    expectDataOnlyInTextRuns(renderCard('help', helpCardData(NOW, HOSTILE)));
    expectDataOnlyInTextRuns(renderCard('error', errorCardData(new AppError(ErrorCode.HuntingBadQuery, HOSTILE, { hint: HOSTILE, upstreamRequestId: HOSTILE }), NOW)));
  });

  // BUG (src/cards/extraction-card.ts, outcomeText; cards/extraction.json "${outcomeText}" TextBlock):
  // Properties.statusCode comes from the hunting row, and for a failed outcome it is shown as
  // "Failed: <statusCode>" in a TextBlock, which hosts render as markdown. Remove `.failing` once fixed.
  const failedHostile = (): AdaptiveCardJson => renderCard('extraction', extractionCardData(state({ ...base, outcome: 'failed', statusCode: HOSTILE }), { sample: false }));
  test('an upstream statusCode of a failed extraction is shown, bounded, in a valid card', () => {
    const card = failedHostile();
    expectValidCard(card);
    const { textBlocks, textRuns } = cardTexts(card);
    expect([...textBlocks, ...textRuns].filter((t) => t.startsWith('Failed: ')).map((t) => t.length)).toEqual([expect.any(Number)]);
  });
  test('an upstream statusCode of a failed extraction stays out of markdown TextBlocks', () => {
    expect(cardTexts(failedHostile()).textBlocks.filter((t) => t.includes('evil.example'))).toEqual([]);
  });

  // BUG (src/cards/text.ts, dataText truncation `flat.slice(0, max - 1)`): it cuts UTF-16 code units,
  // so a character outside the BMP at the cut leaves a lone surrogate before the "…". Remove `.failing` once fixed.
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const emojiAgent = (): string | undefined =>
    cardTexts(renderCard('extraction', extractionCardData(state({ ...base, userAgent: `${'a'.repeat(298)}😀😀` }), { sample: false }))).textRuns.find((t) => t.startsWith('aaaa'));
  test('a long user agent is cut to at most 300 UTF-16 units with an ellipsis', () => {
    const ua = emojiAgent();
    expect(ua?.length).toBeLessThanOrEqual(300);
    expect(ua?.length).toBeGreaterThanOrEqual(299);
    expect(ua?.endsWith('…')).toBe(true);
  });
  test('truncated data text never ends in half a character', () => {
    expect(emojiAgent()).not.toMatch(LONE_SURROGATE);
  });
});

describe('Approve / Escalate buttons', () => {
  test('a pending card has the actor’s and the analysts’ buttons, carrying only the extraction id and the version shown', () => {
    for (const e of [base, bare, ...seed.slice(0, 3)]) {
      const actions = cardActions(renderCard('extraction', extractionCardData(state(e), { sample: false })));
      expect(actions.map((a) => [a['type'], a['verb'], a['title']])).toEqual([
        ['Action.Execute', 'confirm', 'It was me — authorised'],
        ['Action.Execute', 'deny', 'Not me'],
        ['Action.Execute', 'approve', 'Approve'],
        ['Action.Execute', 'escalate', 'Escalate'],
      ]);
      for (const a of actions) expect(a['data']).toStrictEqual({ extractionId: e.id, seen: 0 });
    }
  });

  test.each([
    ['approved', 'Approved'],
    ['escalated', 'Escalated'],
  ] as const)('an extraction %s offers only the change an analyst may make, and names the actor', (status, shown) => {
    const card = renderCard('extraction', extractionCardData(state(base, status), { sample: false }));
    expect(cardActions(card).map((a) => a['verb'])).toEqual([status === 'approved' ? 'change-to-escalated' : 'change-to-approved']);
    const { textRuns } = cardTexts(card);
    expect(textRuns).toEqual(expect.arrayContaining([`${shown} by `, ALICE.name]));
    expect(cardTexts(card).textBlocks).not.toContain('Waiting for a decision');
  });

  test('a decided card falls back to the actor id when the name is empty', () => {
    const card = renderCard('extraction', extractionCardData(state(base, 'approved', { id: ALICE.id, name: '' }), { sample: false }));
    expect(cardTexts(card).textRuns).toContain(ALICE.id);
  });
});
