import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommand } from '../../src/commands/grammar';
import type { Window } from '../../src/commands/window';
import { EXTRA_COLUMNS, buildHuntingRequest, seedOperation, seedQuery } from '../../src/hunting/query';

const NOW = new Date('2024-08-02T12:00:00Z');
const SHARED_SEED = join(__dirname, '../../../shared/seed/monitor-azure-api-secrets-extraction.txt');

describe('seed query', () => {
  test('is the published query, verbatim', () => {
    const seed = seedQuery();
    expect(seed).toContain('CloudAuditEvents\n| where Timestamp > ago(30d)\n| where OperationName == "Microsoft.ApiManagement/service/tenant/listSecrets/action"');
    // When the shared seed is beside the checkout, the KQL in it must be exactly ours.
    let published: string | undefined;
    try {
      published = readFileSync(SHARED_SEED, 'utf8');
    } catch {
      published = undefined;
    }
    if (published !== undefined) {
      for (const line of seed.split('\n').filter((l) => l.trim() !== '')) expect(published).toContain(line);
    }
  });

  test('watches the listSecrets operation', () => {
    expect(seedOperation()).toBe('Microsoft.ApiManagement/service/tenant/listSecrets/action');
  });
});

describe('window → Timespan and KQL bound', () => {
  const cases: Array<[Window, string, string]> = [
    [{ kind: 'relative', amount: 7, unit: 'd' }, 'P7D', 'ago(7d)'],
    [{ kind: 'relative', amount: 24, unit: 'h' }, 'PT24H', 'ago(24h)'],
    [{ kind: 'relative', amount: 90, unit: 'm' }, 'PT90M', 'ago(90m)'],
    [{ kind: 'relative', amount: 30, unit: 'd' }, 'P30D', 'ago(30d)'],
    [{ kind: 'since', start: new Date('2024-07-30T08:00:00Z') }, '2024-07-30T08:00:00.000Z', 'datetime(2024-07-30T08:00:00.000Z)'],
  ];
  test.each(cases)('%j', (window, timespan, bound) => {
    const request = buildHuntingRequest(window, NOW);
    expect(request.timespan).toBe(timespan);
    expect(request.query).toContain(`| where Timestamp > ${bound}\n`);
    expect(request.query.match(/Timestamp >/g)).toHaveLength(1);
    expect(request.end).toEqual(NOW);
  });

  test('names the window as a title and inside a sentence', () => {
    const rel = buildHuntingRequest({ kind: 'relative', amount: 1, unit: 'd' }, NOW);
    expect([rel.label, rel.phrase]).toEqual(['last 1 day', 'in the last 1 day']);
    const since = buildHuntingRequest({ kind: 'since', start: new Date('2024-07-30T08:00:00Z') }, NOW);
    expect([since.label, since.phrase]).toEqual(['since 2024-07-30 08:00 UTC', 'since 2024-07-30 08:00 UTC']);
  });

  test('resolves the window start', () => {
    expect(buildHuntingRequest({ kind: 'relative', amount: 7, unit: 'd' }, NOW).start).toEqual(new Date('2024-07-26T12:00:00Z'));
  });

  test('keeps every seed line but the bound and the projection, and extends the projection', () => {
    const seedLines = seedQuery().split('\n');
    const lines = buildHuntingRequest({ kind: 'relative', amount: 7, unit: 'd' }, NOW).query.split('\n');
    expect(lines).toHaveLength(seedLines.length);
    const changed = lines.map((l, i) => (l === seedLines[i] ? null : i)).filter((i) => i !== null);
    expect(changed.map((i) => seedLines[i as number])).toEqual(['| where Timestamp > ago(30d)', expect.stringMatching(/^\| project /)]);
    const project = lines.find((l) => l.startsWith('| project '));
    expect(project).toBe(
      `| project Timestamp, OperationName, PrincipalOID, SubscriptionID, ApplicationID, HttpRequest, Properties, ${EXTRA_COLUMNS.join(', ')}`,
    );
  });

  test('user text never reaches the KQL: only the parsed numbers do', () => {
    const parsed = parseCommand('secrets last 0007 DAYS', NOW);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok || parsed.command.kind !== 'secrets') return;
    const query = buildHuntingRequest(parsed.command.window, NOW).query;
    expect(query).toContain('ago(7d)');
    expect(query).not.toMatch(/DAYS|0007/);
  });
});
