/**
 * Proof with Microsoft's own Kusto parser/analyser (Kusto.Language) that every KQL SecretWatch can
 * generate is valid against the documented CloudAuditEvents schema and filters exactly as intended:
 * the time bound, the operation filter, one predicate per filter, nothing else — and that no value
 * ever escapes its string literal.
 */
import { parseCommand } from '../../src/commands/grammar';
import type { Filters } from '../../src/commands/filters';
import { durationMs, type Window } from '../../src/commands/window';
import { kqlString } from '../../src/hunting/kql';
import { WIDE_WATCH_LIST } from '../../src/hunting/operations';
import { EXTRA_COLUMNS, SERVICE_IN_PROPERTIES, buildHuntingRequest, seedOperation, seedQuery, type HuntingFilters, type WatchList } from '../../src/hunting/query';
import { analyse, type KqlAnalysis, type KqlLiteral, type WherePredicate } from '../support/kusto';

const NOW = new Date('2024-08-02T12:00:00Z');
const PRINCIPAL = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';
const SUBSCRIPTION = '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b';
const SERVICE = 'apim-contoso-prod';
/** Stand-in for from.aadObjectId when a chat command says "mine". */
const ASKER = '0f1e2d3c-4b5a-4968-8776-655443322110';

const SEED: WatchList = { kind: 'seed' };
const WIDE: WatchList = { kind: 'list', operations: WIDE_WATCH_LIST };

const SEED_COLUMNS = ['Timestamp', 'OperationName', 'PrincipalOID', 'SubscriptionID', 'ApplicationID', 'HttpRequest', 'Properties'];
const TYPES: Readonly<Record<string, string>> = { Timestamp: 'datetime', IsAnonymousProxy: 'bool' };
const RESULT_COLUMNS = [...SEED_COLUMNS, ...EXTRA_COLUMNS].map((name) => ({ name, type: TYPES[name] ?? 'string' }));
/** CloudAuditEvents | where | where | extend ×5 | project — then one where per filter. */
const SEED_PIPELINE = ['FilterOperator', 'FilterOperator', ...Array<string>(5).fill('ExtendOperator'), 'ProjectOperator'];

const str = (value: string): KqlLiteral => ({ syntax: 'StringLiteralExpression', value });

/** A where-predicate's meaning: node kind, operands, operator and decoded literals (not its raw text). */
type Meaning = Omit<WherePredicate, 'text' | 'right'>;
const meaning = ({ text: _text, right: _right, ...rest }: WherePredicate): Meaning => rest;

/** The where-predicates buildHuntingRequest is meant to produce, in order. */
function intendedWheres(window: Window, filters: HuntingFilters, watch: WatchList): Meaning[] {
  const time: Meaning =
    window.kind === 'relative'
      ? { kind: 'GreaterThanExpression', left: 'Timestamp', operator: '>', rightKind: 'FunctionCallExpression', literals: [{ syntax: 'TimespanLiteralExpression', value: durationMs(window) }] }
      : { kind: 'GreaterThanExpression', left: 'Timestamp', operator: '>', rightKind: 'DateTimeLiteralExpression', literals: [{ syntax: 'DateTimeLiteralExpression', value: window.start.toISOString() }] };
  const operation: Meaning =
    watch.kind === 'seed'
      ? { kind: 'EqualExpression', left: 'OperationName', operator: '==', rightKind: 'StringLiteralExpression', literals: [str(seedOperation())] }
      : // Kusto.Language names the node of `in~` InCsExpression; the operator token is what counts.
        { kind: 'InCsExpression', left: 'OperationName', operator: 'in~', rightKind: 'ExpressionList', literals: watch.operations.map(str) };
  const equalTilde = (left: string, value: string, before: KqlLiteral[] = []): Meaning => ({
    kind: 'EqualTildeExpression', left, operator: '=~', rightKind: 'StringLiteralExpression', literals: [...before, str(value)],
  });
  const wheres = [time, operation];
  if (filters.principalId !== undefined) wheres.push(equalTilde('PrincipalOID', filters.principalId));
  if (filters.subscriptionId !== undefined) wheres.push(equalTilde('SubscriptionID', filters.subscriptionId));
  if (filters.service !== undefined) {
    const regex = [str(SERVICE_IN_PROPERTIES), { syntax: 'LongLiteralExpression', value: 1 }];
    wheres.push(equalTilde(`extract(@'${SERVICE_IN_PROPERTIES}', 1, Properties)`, filters.service, regex));
  }
  return wheres;
}

/** The time bound as text: proves the function is ago() (or a datetime literal), not just its argument. */
const timeText = (w: Window): string =>
  w.kind === 'relative' ? `Timestamp > ago(${w.amount}${w.unit})` : `Timestamp > datetime(${w.start.toISOString()})`;

function filterCombos(): HuntingFilters[] {
  const out: HuntingFilters[] = [];
  for (let mask = 0; mask < 8; mask++) {
    out.push({
      ...(mask & 1 ? { principalId: PRINCIPAL } : {}),
      ...(mask & 2 ? { subscriptionId: SUBSCRIPTION } : {}),
      ...(mask & 4 ? { service: SERVICE } : {}),
    });
  }
  return out;
}

/** Asserts a generated query is clean and shaped exactly as intended. */
function expectIntended(a: KqlAnalysis, window: Window, filters: HuntingFilters, watch: WatchList, label: string): void {
  const wheres = intendedWheres(window, filters, watch);
  expect({ label, diagnostics: a.diagnostics }).toEqual({ label, diagnostics: [] });
  expect({ label, statements: a.statements, source: a.source, nested: a.filterOperatorsAnywhere }).toEqual({ label, statements: 1, source: 'CloudAuditEvents', nested: wheres.length });
  expect({ label, operators: a.operators }).toEqual({ label, operators: [...SEED_PIPELINE, ...Array<string>(wheres.length - 2).fill('FilterOperator')] });
  expect({ label, wheres: a.wheres.map(meaning), time: a.wheres[0]?.text }).toEqual({ label, wheres, time: timeText(window) });
  expect({ label, columns: a.columns }).toEqual({ label, columns: RESULT_COLUMNS });
}

describe('the seed', () => {
  test('seed.kql analyses with zero diagnostics against CloudAuditEvents', () => {
    const a = analyse(seedQuery());
    expect(a.diagnostics).toEqual([]);
    expect(a.operators).toEqual(SEED_PIPELINE);
    expect(a.wheres.map((w) => w.text)).toEqual(['Timestamp > ago(30d)', `OperationName == "${seedOperation()}"`]);
    expect(a.columns.map((c) => c.name)).toEqual(SEED_COLUMNS);
  });

  test('the parser is not lenient: an unknown column is an error', () => {
    const a = analyse(`${seedQuery().trimEnd()}\n| where Nope =~ "x"\n`);
    expect(a.errors.map((d) => [d.code, d.at])).toEqual([['KS142', 'Nope']]);
  });
});

const WINDOWS: Window[] = [
  ...([[1, 'm'], [59, 'm'], [90, 'm'], [43200, 'm'], [1, 'h'], [24, 'h'], [720, 'h'], [1, 'd'], [7, 'd'], [14, 'd'], [30, 'd']] as const).map(
    ([amount, unit]): Window => ({ kind: 'relative', amount, unit }),
  ),
  ...['2024-07-30T08:00:00Z', '2024-07-03T12:00:00.001Z', '2024-08-02T11:59:59.999Z', '2024-07-31T21:30:00.123Z'].map(
    (iso): Window => ({ kind: 'since', start: new Date(iso) }),
  ),
];

describe.each([
  ['seed watch', SEED],
  ['wide watch list', WIDE],
])('every window × every filter combination — %s', (_name, watch) => {
  test.each(WINDOWS.map((w) => [w.kind === 'relative' ? `${w.amount}${w.unit}` : `since ${w.start.toISOString()}`, w] as const))('%s', (_label, window) => {
    for (const filters of filterCombos()) {
      const request = buildHuntingRequest(window, NOW, { filters, watch });
      expectIntended(analyse(request.query), window, filters, watch, JSON.stringify(filters));
    }
  });
});

const LONG = 10_000;
const INJECTIONS: Array<[string, string]> = [
  ['double quote', '"'],
  ['single quote', "'"],
  ['both quotes', `a"b'c`],
  ['backslash', 'a\\b'],
  ['trailing backslash', 'abc\\'],
  ['only backslashes', '\\\\\\'],
  ['escaped-quote lookalike', '\\"'],
  ['pipe', '| take 1'],
  ['semicolon', 'x; CloudAuditEvents | take 1'],
  ['line comment', 'x // rest'],
  ['block comment', 'x /* y'],
  ['quote pipe comment', '\\" | take 1 //'],
  ['or-true breakout', '") or 1==1 or ("'],
  ['single-quote breakout', "') or 1==1 or ('"],
  ['verbatim breakout', "' , 1, Properties) or true or extract(@'"],
  ['multi-line string marker', '```'],
  ['emoji', '🔑🙂‍↔️👩🏽‍💻'],
  ['right-to-left', 'שלום \u202Eevil\u202C مرحبا'],
  ['combining marks', 'e\u0301a\u0308\u20DD'],
  ['CJK', '秘密の鍵 비밀'],
  ['zero-width and BOM', 'a\u200Bb\uFEFFc'],
  ['template ${x}', '${x}'],
  ['template {{x}}', '{{x}}'],
  ['empty', ''],
  ['long plain', 'a'.repeat(LONG)],
  ['long quotes', '"'.repeat(LONG)],
  ['long backslashes', '\\'.repeat(LONG)],
  ['long breakout', '\\" | take 1 //'.repeat(LONG).slice(0, LONG)],
];

describe('injection corpus, straight into buildHuntingRequest (no validation: kqlString is the wall)', () => {
  const window: Window = { kind: 'relative', amount: 7, unit: 'd' };
  const slots = ['principalId', 'subscriptionId', 'service'] as const;

  test.each(INJECTIONS)('%s', (_name, value) => {
    for (const slot of slots) {
      const filters: HuntingFilters = { [slot]: value };
      const a = analyse(buildHuntingRequest(window, NOW, { filters }).query);
      expectIntended(a, window, filters, SEED, slot);
      expect(a.wheres).toHaveLength(3); // same as a benign value
      expect(a.wheres[2]?.literals.at(-1)).toEqual(str(value)); // decodes back to exactly the input
    }
    const all: HuntingFilters = { principalId: value, subscriptionId: value, service: value };
    expectIntended(analyse(buildHuntingRequest(window, NOW, { filters: all, watch: WIDE }).query), window, all, WIDE, 'all three, wide');
    // Operation names reach KQL through the same escaper (WATCH_OPERATIONS lists).
    const watch: WatchList = { kind: 'list', operations: [value, WIDE_WATCH_LIST[0] ?? ''] };
    expectIntended(analyse(buildHuntingRequest(window, NOW, { watch }).query), window, {}, watch, 'watch list');
  });

  test('a benign value gives the same pipeline as every injected one', () => {
    const a = analyse(buildHuntingRequest(window, NOW, { filters: { principalId: PRINCIPAL } }).query);
    expect(a.operators).toHaveLength(SEED_PIPELINE.length + 1);
    expect(a.wheres).toHaveLength(3);
  });

  const CONTROL: Array<[string, string]> = [
    ['newline', 'a\nb'], ['carriage return', 'a\rb'], ['CRLF then pipe', '"\r\n| take 1'], ['tab', 'a\tb'],
    ['NUL', 'a\u0000b'], ['escape', '\u001b[31m'], ['DEL', 'a\u007fb'], ['U+2028', 'a\u2028b'], ['U+2029', 'a\u2029b'],
  ];
  test.each(CONTROL)('%s is refused by kqlString and by buildHuntingRequest', (_name, value) => {
    expect(() => kqlString(value)).toThrow('control characters are not allowed in a KQL literal');
    for (const slot of slots) expect(() => buildHuntingRequest(window, NOW, { filters: { [slot]: value } })).toThrow(/control characters/);
    expect(() => buildHuntingRequest(window, NOW, { watch: { kind: 'list', operations: [value] } })).toThrow(/control characters/);
  });

  test('why the refusal matters: a raw line break ends a KQL string literal', () => {
    const naive = `${seedQuery().trimEnd()}\n| where PrincipalOID =~ "a\nb"\n`;
    expect(analyse(naive).errors.length).toBeGreaterThan(0);
  });
});

describe('chat path end to end: parseCommand → filters → buildHuntingRequest → Kusto', () => {
  /** How the handler turns chat filters into KQL filters. */
  function huntingFilters(f: Filters): HuntingFilters {
    return {
      ...(f.principal?.kind === 'id' ? { principalId: f.principal.id } : {}),
      ...(f.principal?.kind === 'mine' ? { principalId: ASKER } : {}),
      ...(f.subscription !== undefined ? { subscriptionId: f.subscription } : {}),
      ...(f.service !== undefined ? { service: f.service } : {}),
    };
  }

  const COMMANDS = [
    'secrets',
    'secrets last 24h',
    `secrets 90m by ${PRINCIPAL}`,
    `secrets last 7 days service ${SERVICE}`,
    `secrets 30d sub ${SUBSCRIPTION}`,
    `secrets by ${PRINCIPAL.toUpperCase()} service ${SERVICE} sub ${SUBSCRIPTION}`,
    `secrets since 2024-07-30 by ${PRINCIPAL} service ${SERVICE} sub ${SUBSCRIPTION}`,
    `secrets since 2024-07-30T08:00+02:00 service a`,
    `secrets since 2024-07-31 23:30:15.1234567Z sub ${SUBSCRIPTION} failed`,
    'secrets last week failed top 5 service x-1',
    'secrets 2w pending service a0123456789012345678901234567890123456789012345678',
    'secrets last hour mine',
    'secrets 43200 minutes approved fresh',
    'secrets last 720 hours escalated top 25',
    `secrets kql 1h by ${PRINCIPAL} service ${SERVICE}`,
    `/secrets kql sub ${SUBSCRIPTION} mine`,
  ];

  test.each(COMMANDS)('%s', (text) => {
    const parsed = parseCommand(text, NOW);
    if (!parsed.ok) throw new Error(`"${text}" did not parse: ${parsed.error.message}`);
    const { command } = parsed;
    if (command.kind !== 'secrets' && command.kind !== 'kql') throw new Error(`"${text}" parsed as ${command.kind}`);
    const filters = huntingFilters(command.filters);
    for (const watch of [SEED, WIDE]) {
      const a = analyse(buildHuntingRequest(command.window, NOW, { filters, watch }).query);
      expect(a.diagnostics).toEqual([]);
      expectIntended(a, command.window, filters, watch, text);
    }
  });
});
