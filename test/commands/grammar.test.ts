import { parseCommand } from '../../src/commands/grammar';
import type { Window } from '../../src/commands/window';

const NOW = new Date('2024-08-02T12:00:00Z');
const rel = (amount: number, unit: 'm' | 'h' | 'd'): Window => ({ kind: 'relative', amount, unit });
const since = (iso: string): Window => ({ kind: 'since', start: new Date(iso) });

describe('parseCommand: accepted forms', () => {
  const table: Array<[string, Window | 'help']> = [
    ['secrets last 7d', rel(7, 'd')],
    ['secrets last 24h', rel(24, 'h')],
    ['secrets last 90m', rel(90, 'm')],
    ['secrets last 2w', rel(14, 'd')],
    ['secrets last 7 days', rel(7, 'd')],
    ['secrets last 1 day', rel(1, 'd')],
    ['secrets last 36 hours', rel(36, 'h')],
    ['secrets last 45 minutes', rel(45, 'm')],
    ['secrets last 4 weeks', rel(28, 'd')],
    ['secrets last day', rel(1, 'd')],
    ['secrets last week', rel(7, 'd')],
    ['secrets last hour', rel(1, 'h')],
    ['secrets 7d', rel(7, 'd')],
    ['secrets 30d', rel(30, 'd')],
    ['secrets', rel(7, 'd')],
    ['SECRETS LAST 7D', rel(7, 'd')],
    ['  Secrets   Last   7d  ', rel(7, 'd')],
    ['<at>SecretWatch</at> secrets last 24h', rel(24, 'h')],
    ['<at>SecretWatch</at>&nbsp;secrets', rel(7, 'd')],
    ['/secrets 2w', rel(14, 'd')],
    ['secrets since 2024-07-30', since('2024-07-30T00:00:00Z')],
    ['secrets since 2024-07-30T08:00Z', since('2024-07-30T08:00:00Z')],
    ['secrets since 2024-07-30T08:00:30Z', since('2024-07-30T08:00:30Z')],
    ['secrets since 2024-07-30 08:00', since('2024-07-30T08:00:00Z')],
    ['secrets since 2024-07-30T10:00+02:00', since('2024-07-30T08:00:00Z')],
    ['secrets since 2024-07-30T03:00-05:00', since('2024-07-30T08:00:00Z')],
    ['help', 'help'],
    ['HELP', 'help'],
    ['?', 'help'],
    ['', 'help'],
    ['<at>SecretWatch</at>', 'help'],
  ];
  test.each(table)('%j', (input, expected) => {
    const result = parseCommand(input, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    if (expected === 'help') expect(result.command).toEqual({ kind: 'help' });
    else expect(result.command).toEqual({ kind: 'secrets', window: expected, filters: {}, fresh: false });
  });
});

describe('parseCommand: refused forms name the problem', () => {
  const table: Array<[string, string, RegExp]> = [
    ['secrets last 31d', 'WINDOW_TOO_LONG', /30 days/],
    ['secrets last 45 days', 'WINDOW_TOO_LONG', /45 days/],
    ['secrets last 5w', 'WINDOW_TOO_LONG', /30 days/],
    ['secrets last 721h', 'WINDOW_TOO_LONG', /30 days/],
    ['secrets last 99999999999d', 'WINDOW_TOO_LONG', /30 days/],
    ['secrets since 2024-06-01', 'WINDOW_TOO_LONG', /30 days/],
    ['secrets since 2024-08-03', 'WINDOW_IN_FUTURE', /future/],
    ['secrets last 0d', 'BAD_WINDOW', /at least 1 minute/],
    ['secrets last -7d', 'BAD_WINDOW', /not a time window/],
    ['secrets last 7x', 'BAD_WINDOW', /time unit/],
    ['secrets last 1.5d', 'BAD_WINDOW', /not a time window/],
    ['secrets last', 'BAD_WINDOW', /not a time window/],
    ['secrets last d', 'BAD_WINDOW', /not a time window/],
    ['secrets since yesterday', 'BAD_WINDOW', /not a date/],
    ['secrets since 2024-02-30', 'BAD_WINDOW', /not a real date/],
    ['secrets since 2024-07-30T25:00Z', 'BAD_WINDOW', /not a real date/],
    ['secrets last 7d please now', 'UNEXPECTED_WORDS', /"please"/],
    ['secrets"; drop table', 'UNKNOWN_COMMAND', /don't know/],
    ['hello', 'UNKNOWN_COMMAND', /hello/],
    ['approve everything', 'UNKNOWN_COMMAND', /approve everything/],
  ];
  test.each(table)('%j → %s', (input, code, message) => {
    const result = parseCommand(input, NOW);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message).toMatch(message);
  });

  test('messages quote the text as typed, not lower-cased', () => {
    const r = parseCommand('Secrets since 2024-07-30T08:00Z-Garbage', NOW);
    expect(r.ok ? '' : r.error.message).toContain('"2024-07-30T08:00Z-Garbage"');
    const u = parseCommand('Show Me Everything', NOW);
    expect(u.ok ? '' : u.error.message).toContain('"Show Me Everything"');
  });

  test('echoed input is bounded', () => {
    const result = parseCommand(`hello ${'x'.repeat(5000)}`, NOW);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });

  test('exactly 30 days is allowed, one minute more is not', () => {
    expect(parseCommand('secrets last 43200m', NOW).ok).toBe(true);
    expect(parseCommand('secrets last 43201m', NOW).ok).toBe(false);
  });
});

describe('parseCommand: filters, in any order after the window', () => {
  const P = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';
  const S = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
  const table: Array<[string, Window, Record<string, unknown>, boolean]> = [
    [`secrets last 7d by ${P}`, rel(7, 'd'), { principal: { kind: 'id', id: P } }, false],
    [`secrets by ${P.toUpperCase()}`, rel(7, 'd'), { principal: { kind: 'id', id: P } }, false],
    ['secrets mine', rel(7, 'd'), { principal: { kind: 'mine' } }, false],
    ['secrets last 24h service APIM-Contoso-Prod', rel(24, 'h'), { service: 'apim-contoso-prod' }, false],
    [`secrets 2w sub ${S} failed`, rel(14, 'd'), { subscription: S, outcome: 'failed' }, false],
    [`secrets failed subscription ${S}`, rel(7, 'd'), { subscription: S, outcome: 'failed' }, false],
    ['secrets last 7 days ok pending top 5', rel(7, 'd'), { outcome: 'ok', status: 'pending', top: 5 }, false],
    ['secrets since 2024-07-30 08:00 escalated', { kind: 'since', start: new Date('2024-07-30T08:00:00Z') }, { status: 'escalated' }, false],
    ['secrets since 2024-07-30 approved', { kind: 'since', start: new Date('2024-07-30T00:00:00Z') }, { status: 'approved' }, false],
    ['secrets last day mine fresh', rel(1, 'd'), { principal: { kind: 'mine' } }, true],
    ['secrets fresh', rel(7, 'd'), {}, true],
  ];
  test.each(table)('%s', (input, window, filters, fresh) => {
    expect(parseCommand(input, NOW)).toEqual({ ok: true, command: { kind: 'secrets', window, filters, fresh } });
  });

  test('secrets kql … is the kql command with the same window and filters', () => {
    expect(parseCommand(`secrets kql last 24h by ${P}`, NOW)).toEqual({
      ok: true,
      command: { kind: 'kql', window: rel(24, 'h'), filters: { principal: { kind: 'id', id: P } } },
    });
  });

  const refusals: Array<[string, RegExp]> = [
    ['secrets by adele', /"by" needs a principal object id .*"adele"/],
    ['secrets by', /"by" needs a principal object id/],
    [`secrets by ${P} mine`, /conflicts with another principal filter/],
    ['secrets service -bad', /API Management service name/],
    ['secrets service apim"; drop', /API Management service name/],
    [`secrets service ${'a'.repeat(51)}`, /API Management service name/],
    ['secrets sub 1234', /subscription id/],
    ['secrets failed ok', /conflicts with another outcome filter/],
    ['secrets pending approved', /conflicts with another status filter/],
    ['secrets top 0', /number from 1 to 25/],
    ['secrets top 26', /number from 1 to 25/],
    ['secrets top ten', /number from 1 to 25 \(got "ten"\)/],
    ['secrets last 7 failed', /not a time window/],
    ['secrets mine please', /"please"/],
  ];
  test.each(refusals)('%s is refused with the accepted form', (input, message) => {
    const r = parseCommand(input, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(message);
  });
});

describe('parseCommand: history', () => {
  test('keeps the id as typed', () => {
    expect(parseCommand('secrets history B0A1C2D3-0000-4000-8000-000000000001', NOW)).toEqual({
      ok: true,
      command: { kind: 'history', extractionId: 'B0A1C2D3-0000-4000-8000-000000000001' },
    });
    expect(parseCommand('<at>SecretWatch</at> Secrets History h-0123456789abcdef0123456789abcdef', NOW)).toEqual({
      ok: true,
      command: { kind: 'history', extractionId: 'h-0123456789abcdef0123456789abcdef' },
    });
  });
  test.each(['secrets history', 'secrets history a b', 'secrets history ${x}', 'secrets history "quoted"'])('%s is refused', (text) => {
    const r = parseCommand(text, NOW);
    expect(r.ok ? 'accepted' : r.error.message).toMatch(/needs one extraction id/);
  });
});

describe('parseCommand: export', () => {
  test.each([
    ['secrets export', rel(7, 'd')],
    ['secrets export last 30d', rel(30, 'd')],
    ['secrets export since 2024-07-30', { kind: 'since', start: new Date('2024-07-30T00:00:00Z') } as Window],
  ])('%s', (text, window) => {
    expect(parseCommand(text, NOW)).toEqual({ ok: true, command: { kind: 'export', window } });
  });
  test.each(['secrets export last 30d mine', 'secrets export last 45d'])('%s is refused', (text) => {
    expect(parseCommand(text, NOW).ok).toBe(false);
  });
});

describe('parseCommand: by a user principal name or a display name', () => {
  const P = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';
  const ok = (filters: Record<string, unknown>, window: Window = rel(7, 'd'), fresh = false): unknown => ({ ok: true, command: { kind: 'secrets', window, filters, fresh } });
  const table: Array<[string, unknown]> = [
    ['secrets last 7d by adele.vance@contoso.com', ok({ principal: { kind: 'upn', upn: 'adele.vance@contoso.com' } })],
    ['Secrets Last 7d By Adele.Vance@Contoso.com', ok({ principal: { kind: 'upn', upn: 'Adele.Vance@Contoso.com' } })],
    ['secrets by "Adele Vance"', ok({ principal: { kind: 'name', name: 'Adele Vance' } })],
    ['secrets by \u201cAdele Vance\u201d', ok({ principal: { kind: 'name', name: 'Adele Vance' } })],
    ['secrets by \u201cAdele Vance"', ok({ principal: { kind: 'name', name: 'Adele Vance' } })],
    ['SECRETS LAST 24H BY "adele VANCE" FAILED TOP 5', ok({ principal: { kind: 'name', name: 'adele VANCE' }, outcome: 'failed', top: 5 }, rel(24, 'h'))],
    ['secrets failed by "Adele Vance" fresh', ok({ principal: { kind: 'name', name: 'Adele Vance' }, outcome: 'failed' }, rel(7, 'd'), true)],
    ['secrets by "  Adele   Vance "', ok({ principal: { kind: 'name', name: 'Adele Vance' } })],
    ['secrets by "O\'Brien"', ok({ principal: { kind: 'name', name: "O'Brien" } })],
    ['secrets by "sp-contoso-apim-config-backup"', ok({ principal: { kind: 'name', name: 'sp-contoso-apim-config-backup' } })],
    ['secrets by "last 7d"', ok({ principal: { kind: 'name', name: 'last 7d' } })],
    ['<p>secrets by &quot;Adele Vance&quot;</p>', ok({ principal: { kind: 'name', name: 'Adele Vance' } })],
    ['secrets by &quot;O&#39;Brien&quot;', ok({ principal: { kind: 'name', name: "O'Brien" } })],
    // Teams turns a typed address into a mailto link; the tag is dropped, the address stays.
    ['secrets by <a href="mailto:adele.vance@contoso.com">adele.vance@contoso.com</a>', ok({ principal: { kind: 'upn', upn: 'adele.vance@contoso.com' } })],
    [`secrets by "${'a'.repeat(256)}"`, ok({ principal: { kind: 'name', name: 'a'.repeat(256) } })],
  ];
  test.each(table)('%s', (input, expected) => {
    expect(parseCommand(input, NOW)).toEqual(expected);
  });

  test('secrets kql takes names too', () => {
    expect(parseCommand('secrets kql last 24h by "Adele Vance"', NOW)).toEqual({
      ok: true,
      command: { kind: 'kql', window: rel(24, 'h'), filters: { principal: { kind: 'name', name: 'Adele Vance' } } },
    });
  });

  const refusals: Array<[string, string, RegExp]> = [
    ['secrets by "Adele Vance', 'BAD_FILTER', /no closing quote/],
    ['secrets by \u201cAdele Vance failed', 'BAD_FILTER', /no closing quote/],
    ['secrets by ""', 'BAD_FILTER', /is empty/],
    ['secrets by "   "', 'BAD_FILTER', /is empty/],
    [`secrets by "${'a'.repeat(257)}"`, 'BAD_FILTER', /longer than 256 characters/],
    [`secrets by ${'a'.repeat(250)}@contoso.com`, 'BAD_FILTER', /longer than 256 characters/],
    ['secrets by adele@', 'BAD_FILTER', /"by" needs a principal object id.*"adele@"/],
    ['secrets by @contoso.com', 'BAD_FILTER', /user principal name like adele\.vance@contoso\.com/],
    ['secrets by adele.vance@contoso', 'BAD_FILTER', /"adele\.vance@contoso"/],
    ['secrets by Adele Vance', 'BAD_FILTER', /display name in quotes like "Adele Vance" \(got "Adele"\)/],
    [`secrets by "Adele Vance" by ${P}`, 'BAD_FILTER', /conflicts with another principal filter/],
    ['secrets mine by adele.vance@contoso.com', 'BAD_FILTER', /conflicts with another principal filter/],
    ['secrets "Adele Vance"', 'UNEXPECTED_WORDS', /"Adele Vance" here: a name in quotes goes after "by"/],
    ['secrets last 7d "failed"', 'UNEXPECTED_WORDS', /a name in quotes goes after "by"/],
    ['secrets service "apim-contoso-prod"', 'BAD_FILTER', /API Management service name/],
  ];
  test.each(refusals)('%s → %s', (input, code, message) => {
    const r = parseCommand(input, NOW);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe(code);
    expect(r.error.message).toMatch(message);
  });

  test('quotes elsewhere keep their old meaning', () => {
    expect(parseCommand('secrets"; drop table', NOW)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
    expect(parseCommand('hello "world', NOW)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_COMMAND' } });
  });
});
