/** Regression tests for the adversarial review's findings (each names the finding it pins down). */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dataText } from '../src/cards/text';
import { parseCommand } from '../src/commands/grammar';
import { MAX_COMMAND_LENGTH, normaliseChatText, quoteForReply } from '../src/commands/text';
import { ConfigError, loadConfig } from '../src/config';
import { toAppError } from '../src/errors';
import { BUNDLED_SAMPLE_FILE, LocalHuntingSource } from '../src/hunting/local-source';
import { buildHuntingRequest } from '../src/hunting/query';
import { parseHuntingResponse, parseKustoDateTime } from '../src/hunting/rows';
import { pageCards } from '../src/usecases/list-secrets';
import type { Extraction } from '../src/hunting/extraction';
import { MemoryDecisionStore } from './fakes/memory-decision-store';
import { cardTexts } from './support/adaptive-card';

const NOW = new Date('2024-08-02T12:00:00Z');

describe('grammar cannot be steered into Object built-ins or odd offsets', () => {
  test.each(['secrets 7constructor', 'secrets 7 constructor', 'secrets last constructor', 'secrets last __proto__', 'secrets 3 toString'])('%s is refused', (text) => {
    const r = parseCommand(text, NOW);
    expect(r.ok).toBe(false);
  });
  test.each(['+99:99', '+25:00', '-23:99', '+14:01'])('offset %s is refused', (offset) => {
    const r = parseCommand(`secrets since 2024-07-30T08:00${offset}`, NOW);
    expect(r.ok ? 'accepted' : r.error.code).toBe('BAD_WINDOW');
  });
  test('+14:00 and -12:00 are real offsets', () => {
    expect(parseCommand('secrets since 2024-07-30T08:00+14:00', NOW).ok).toBe(true);
    expect(parseCommand('secrets since 2024-07-30T08:00-12:00', NOW).ok).toBe(true);
  });
});

describe('chat text handling is bounded', () => {
  test('only the first MAX_COMMAND_LENGTH characters are looked at, whatever is sent', () => {
    const text = normaliseChatText('<at>'.repeat(250_000));
    expect(text.length).toBeLessThanOrEqual(MAX_COMMAND_LENGTH);
  });
  test('a mention without its closing tag does not swallow the command', () => {
    expect(normaliseChatText('<at>SecretWatch</at> <at>half secrets')).toBe('half secrets');
  });
  test('quoting never splits an emoji', () => {
    const q = quoteForReply(`${'x'.repeat(58)}😀😀😀`);
    expect(q.endsWith('…')).toBe(true);
    expect(/[\ud800-\udbff](?![\udc00-\udfff])/.test(q)).toBe(false);
  });
  test('bidi overrides are removed from chat and data text', () => {
    expect(normaliseChatText('secrets\u202e last 7d')).toBe('secrets last 7d');
    expect(dataText('Mallory\u202eevil\u2066x')).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
  });
});

describe('upstream data', () => {
  test('impossible calendar datetimes are unreadable, not rolled over', () => {
    expect(parseKustoDateTime('2024-02-30T00:00:00Z')).toBeUndefined();
    expect(parseKustoDateTime('2023-02-29T00:00:00Z')).toBeUndefined();
    expect(parseKustoDateTime('2024-02-29T00:00:00Z')?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  test('one extraction that cannot be rendered becomes an error card; the others still show', async () => {
    const store = new MemoryDecisionStore();
    const good: Extraction = { id: 'good-1', time: NOW, operation: 'op', application: { label: 'Azure CLI', firstParty: true }, outcome: 'succeeded', service: 'apim-a' };
    const bad = { ...good, id: 'bad-1', accessName: 42 } as unknown as Extraction; // a type the model never produces
    await store.recordSeen([bad, good]);
    const cards = await pageCards({ store }, ['bad-1', 'good-1'], false);
    expect(cards).toHaveLength(2);
    expect(cards[0]?.extractionId).toBeUndefined();
    expect(cardTexts(cards[0]?.card).textBlocks.join(' ')).toMatch(/One extraction could not be shown/);
    expect(cards[1]?.extractionId).toBe('good-1');
  });
});

describe('local source', () => {
  const sample = JSON.parse(readFileSync(BUNDLED_SAMPLE_FILE, 'utf8')) as { schema: unknown[]; results: Array<Record<string, unknown>> };
  const write = (body: unknown): string => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-hard-')), 'data.json');
    writeFileSync(file, JSON.stringify(body));
    return file;
  };

  test('column names are case-insensitive (TIMESTAMP, OPERATIONNAME)', async () => {
    const results = sample.results.map((r) => {
      const { Timestamp, OperationName, ...rest } = r;
      return { ...rest, TIMESTAMP: Timestamp, OPERATIONNAME: OperationName };
    });
    const source = new LocalHuntingSource({ file: write({ schema: sample.schema, results }), rebase: true, now: NOW });
    const body = await source.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, NOW));
    expect(body.results?.length).toBe(sample.results.length);
  });

  test('rows with unreadable timestamps reach the parser and are counted, not silently dropped', async () => {
    const broken = { ...sample.results[0], Timestamp: 'yesterday' };
    const source = new LocalHuntingSource({ file: write({ schema: sample.schema, results: [...sample.results, broken] }), rebase: true, now: NOW });
    const parsed = parseHuntingResponse(await source.run(buildHuntingRequest({ kind: 'relative', amount: 30, unit: 'd' }, NOW)));
    expect(parsed.skipped).toBe(1);
  });

  test('a file larger than the stack allows for spreading (150,000 rows) loads', () => {
    const row = sample.results[0] ?? {};
    const results = Array.from({ length: 150_000 }, () => row);
    expect(() => new LocalHuntingSource({ file: write({ schema: sample.schema, results }), rebase: true, now: NOW })).not.toThrow();
  });

  test('a file that is not JSON is reported without echoing its content', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sw-hard-')), 'shadow');
    writeFileSync(file, 'root:*:20200:0:99999:7:::');
    expect(() => new LocalHuntingSource({ file, rebase: true, now: NOW })).toThrow(expect.objectContaining({ message: expect.not.stringContaining('root:') }));
  });
});

describe('configuration and errors', () => {
  test('NODE_ENV=Production (any case) is production', () => {
    expect(() => loadConfig({ NODE_ENV: 'Production' })).toThrow(ConfigError);
  });
  test.each([
    [{ GRAPH_TENANT_ID: '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d', GRAPH_CLIENT_ID: '11111111-2222-4333-8444-555555555555', GRAPH_CLIENT_CERTIFICATE_PATH: '/nonexistent/cert.pem' }, 'GRAPH_CLIENT_CERTIFICATE_PATH'],
    [{ MicrosoftAppId: '11111111-2222-4333-8444-555555555555', MicrosoftAppType: 'SingleTenant', MicrosoftAppTenantId: '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d', MicrosoftAppCertificateThumbprint: 'AB', MicrosoftAppCertificateKeyFile: '/nonexistent/key.pem' }, 'MicrosoftAppCertificateKeyFile'],
  ])('a missing file is named at start-up (%#)', (env, setting) => {
    expect(() => loadConfig(env)).toThrow(expect.objectContaining({ setting }));
  });
  test('unexpected exceptions reach users as a plain sentence, not internal text', () => {
    const e = toAppError(new TypeError('value.replace is not a function'));
    expect(e.code).toBe('INTERNAL');
    expect(e.message).not.toMatch(/replace/);
    expect(e.cause).toBeInstanceOf(TypeError);
  });
});
