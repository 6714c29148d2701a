import { historyCardData } from '../../src/cards/history-card';
import { kqlCardData } from '../../src/cards/kql-card';
import { renderCard } from '../../src/cards/render';
import type { Extraction } from '../../src/hunting/extraction';
import { buildHuntingRequest } from '../../src/hunting/query';
import { defenderHuntingLink } from '../../src/hunting/deep-link';
import { cardTexts, checkCard } from '../support/adaptive-card';

const NOW = new Date('2024-08-02T12:00:00Z');
const e: Extraction = { id: 'b0a1c2d3-0000-4000-8000-000000000001', time: NOW, operation: 'op', application: { label: 'Azure CLI', firstParty: true }, outcome: 'succeeded', service: 'apim-a' };

describe('history card', () => {
  test.each([
    ['with entries', [{ extractionId: e.id, verb: 'escalate' as const, status: 'escalated' as const, actor: { id: 'x', name: '**Megan** ${x}' }, decidedAt: NOW }]],
    ['without entries', []],
  ])('%s validates, shows each entry, and keeps names out of markdown', (_name, records) => {
    const card = renderCard('history', historyCardData({ extraction: e, status: records.length ? 'escalated' : 'pending' }, records));
    expect(checkCard(card).events).toEqual([]);
    const t = cardTexts(card);
    expect(JSON.stringify(card)).not.toContain('${');
    expect(t.textBlocks.join(' ')).not.toContain('Megan');
    if (records.length) expect(t.textRuns).toContain('**Megan** $\u200b{x}');
    else expect(t.textBlocks).toContain('No decision has been recorded yet.');
  });
});

describe('history card names', () => {
  const ADELE = 'a1b2c3d4-0000-4000-8000-00000000ad31';
  test('the principal by name when the directory knew it, by id otherwise; roles in words', () => {
    const named: Extraction = { ...e, principalId: ADELE, principalInfo: { kind: 'user', id: ADELE, displayName: 'Adele Vance', userPrincipalName: 'adele.vance@contoso.com' } };
    const records = [
      { extractionId: e.id, verb: 'deny' as const, status: 'escalated' as const, actor: { id: ADELE, name: 'Adele Vance' }, decidedAt: NOW, role: 'actor' as const, comment: 'not me' },
      { extractionId: e.id, verb: 'change-to-approved' as const, status: 'approved' as const, actor: { id: 'm', name: 'Megan Bowen' }, decidedAt: NOW, role: 'analyst' as const },
    ];
    const data = historyCardData({ extraction: named, status: 'approved' }, records);
    expect(data.principal).toBe('Adele Vance (adele.vance@contoso.com)');
    expect(data.entries.map((x) => x.who)).toEqual(['Adele Vance (the account holder): "not me"', 'Megan Bowen (analyst)']);
    expect(historyCardData({ extraction: { ...e, principalId: ADELE }, status: 'pending' }, []).principal).toBe(`principal ${ADELE}`);
  });
});

describe('kql card', () => {
  test('shows every KQL line (the seed comment too) verbatim in monospace TextRuns and validates', () => {
    const request = buildHuntingRequest({ kind: 'relative', amount: 7, unit: 'd' }, NOW, { filters: { service: 'apim-a' } });
    const card = renderCard('kql', kqlCardData(request, defenderHuntingLink(request.query, 7 * 86_400_000), ['failed attempts only']));
    expect(checkCard(card).events).toEqual([]);
    const runs = cardTexts(card).textRuns;
    for (const line of request.query.trimEnd().split('\n').filter((l) => l !== '')) expect(runs).toContain(line);
    expect(runs.join(' ')).toMatch(/failed attempts only/);
  });
});
