import { extractionCardData } from '../../src/cards/extraction-card';
import { renderCard } from '../../src/cards/render';
import { summaryCardData } from '../../src/cards/summary-card';
import type { Extraction } from '../../src/hunting/extraction';
import { cardActions, cardTexts, checkCard } from '../support/adaptive-card';

const T = new Date('2026-12-02T03:12:00Z');
const base: Extraction = { id: 'r1', time: T, operation: 'Microsoft.ApiManagement/service/tenant/listSecrets/action', principalId: '0d2f4a6c-8e1b-43d5-a7f9-1c3e5a7b9d2f', application: { label: 'Azure CLI', firstParty: true }, outcome: 'succeeded', service: 'apim-a' };
const app: Extraction = { ...base, principalInfo: { kind: 'servicePrincipal', id: base.principalId ?? '', displayName: 'sp-backup', appId: 'a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e' } };
const person: Extraction = { ...base, principalInfo: { kind: 'user', id: base.principalId ?? '', displayName: 'Diego Siciliani' } };

const verbs = (e: Extraction): unknown[] => cardActions(renderCard('extraction', extractionCardData({ extraction: e, status: 'pending' }, { sample: false }))).map((a) => a['verb']);

describe('extraction card', () => {
  test("an application's extraction: no 'It was me' / 'Not me' (nobody can answer for an app), no mention, analysts decide", () => {
    const card = renderCard('extraction', extractionCardData({ extraction: app, status: 'pending' }, { sample: false }));
    expect(checkCard(card).events).toEqual([]);
    expect(verbs(app)).toEqual(['approve', 'escalate']);
    const text = cardTexts(card).textBlocks.join(' | ');
    expect(text).toContain('Waiting for an analyst to decide: an application did this');
    expect(text).not.toContain('<at>');
  });

  test("a person's extraction: their two answers and the analysts' two, and an @mention asking them", () => {
    expect(verbs(person)).toEqual(['confirm', 'deny', 'approve', 'escalate']);
    expect(cardTexts(renderCard('extraction', extractionCardData({ extraction: person, status: 'pending' }, { sample: false }))).textBlocks).toContain('<at>Diego Siciliani</at>, was this you? Please answer below.');
  });

  test('in a personal chat the actor is @mentioned only if they are the person in it', () => {
    const pending = { extraction: person, status: 'pending' as const };
    expect(extractionCardData(pending, { sample: false, personalChatWith: base.principalId?.toUpperCase() ?? '' }).mentions).toHaveLength(1);
    const elsewhere = extractionCardData(pending, { sample: false, personalChatWith: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b' });
    expect([elsewhere.hasMention, elsewhere.mentions]).toEqual([false, []]);
    expect(extractionCardData(pending, { sample: false, personalChatWith: '' }).mentions).toEqual([]);
  });

  test('comment boxes say what a reason is needed for on this card', () => {
    expect(extractionCardData({ extraction: app, status: 'pending' }, { sample: false }).commentHint).toBe('Comment (a reason is required to escalate)');
    expect(extractionCardData({ extraction: person, status: 'pending' }, { sample: false }).commentHint).toMatch(/escalate or say "Not me"/);
    const decided = (status: 'approved' | 'escalated'): string => extractionCardData({ extraction: person, status }, { sample: false }).changeCommentHint;
    expect(decided('approved')).toMatch(/required to change to escalated/);
    expect(decided('escalated')).toMatch(/required to approve after review/);
    const placeholders = JSON.stringify(renderCard('extraction', extractionCardData({ extraction: app, status: 'pending' }, { sample: false })));
    expect(placeholders).toContain('"placeholder":"Comment (a reason is required to escalate)"');
  });

  test('a changed decision says where the earlier ones are; a first decision does not', () => {
    const record = (verb: 'approve' | 'change-to-approved') => ({ extractionId: person.id, verb, status: 'approved' as const, actor: { id: 'm', name: 'Megan Bowen' }, decidedAt: T, role: 'analyst' as const, comment: 'ticket' });
    const changed = renderCard('extraction', extractionCardData({ extraction: person, status: 'approved', decision: record('change-to-approved') }, { sample: false }));
    expect(checkCard(changed).events).toEqual([]);
    expect(cardTexts(changed).textRuns).toContain('This overturned an earlier decision: "secrets history r1" shows every step and its reason.');
    const first = extractionCardData({ extraction: person, status: 'approved', decision: record('approve') }, { sample: false });
    expect([first.hasEarlier, first.earlierText]).toEqual([false, '']);
  });

  test('the Object id fact is the id alone', () => {
    const facts = extractionCardData({ extraction: person, status: 'pending' }, { sample: false }).facts;
    expect(facts.find((f) => f.label === 'Object id')?.value).toBe(base.principalId);
  });
});

describe('summary card words', () => {
  const input = { windowLabel: 'last 7 days', windowPhrase: 'in the last 7 days', start: T, end: T, sample: true, defenderUrl: 'https://security.microsoft.com', pageSize: 10, skippedRows: 0, filterNote: '', fetchedAt: T, now: T };
  test('singular under a 1, plural otherwise; sample data is never said to come from Defender', () => {
    const one = summaryCardData({ ...input, extractions: [{ ...base, outcome: 'forbidden' }] });
    expect([one.extractionsWord, one.principalsWord, one.servicesWord, one.failedWord]).toEqual(['extraction', 'principal', 'service', 'failed attempt']);
    expect(one.ageNote).toBe('Data just read from the sample file.');
    const two = summaryCardData({ ...input, sample: false, extractions: [base, { ...base, id: 'r2', principalId: 'p2', service: 'apim-b' }] });
    expect([two.extractionsWord, two.principalsWord, two.servicesWord, two.failedWord]).toEqual(['extractions', 'principals', 'services', 'failed attempts']);
    expect(two.ageNote).toBe('Data just fetched from Defender.');
  });
});
