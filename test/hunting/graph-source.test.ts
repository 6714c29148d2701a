import type { TokenCredential } from '@azure/identity';
import { readFileSync } from 'node:fs';
import { AppError, ErrorCode } from '../../src/errors';
import { createGraphPoster } from '../../src/graph/client';
import { GraphHuntingSource } from '../../src/hunting/graph-source';
import { buildHuntingRequest, type HuntingRequest } from '../../src/hunting/query';
import { parseHuntingResponse, parseKustoDateTime } from '../../src/hunting/rows';
import { graphBehaviour, RUN_HUNTING_QUERY_PATH, SEED_PROJECTION_FIXTURE, startFakeGraph, type FakeGraph } from '../support/fake-graph';

/**
 * GraphHuntingSource over the REAL @microsoft/microsoft-graph-client and real HTTP, against a local
 * fake of Microsoft Graph. Nothing is mocked in between.
 */

interface FixtureRow {
  readonly Timestamp?: unknown;
  readonly PrincipalOID?: unknown;
}
const fixture = JSON.parse(readFileSync(SEED_PROJECTION_FIXTURE, 'utf8')) as { results: FixtureRow[] };
const fixtureGood = fixture.results.filter((r) => parseKustoDateTime(r.Timestamp) !== undefined);

const credential: TokenCredential = {
  getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3600_000 }),
};

const WEEK = { kind: 'relative', amount: 7, unit: 'd' } as const;

let fake: FakeGraph;
let request: HuntingRequest;

function source(timeoutMs = 10_000, url = fake.url): GraphHuntingSource {
  return new GraphHuntingSource(createGraphPoster({ credential, baseUrl: url }), timeoutMs);
}

/** The AppError a hunting call rejects with (fails the test if it resolves or throws anything else). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected the hunting call to fail, but it succeeded');
}

beforeEach(async () => {
  fake = await startFakeGraph();
  request = buildHuntingRequest(WEEK, new Date());
});

afterEach(async () => {
  await fake.close();
});

describe('GraphHuntingSource + createGraphPoster over HTTP', () => {
  it('sanity: the fixture has rows to compare against', () => {
    expect(fixtureGood.length).toBeGreaterThan(0);
    expect(request.timespan).toBe('P7D');
  });

  it('POSTs {Query, Timespan} as JSON to /v1.0/security/runHuntingQuery and returns the body, which parses into the fixture rows', async () => {
    const body = await source().run(request);

    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0]!;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe(RUN_HUNTING_QUERY_PATH);
    expect(sent.headers['content-type']).toMatch(/^application\/json\s*;\s*charset=utf-8$/i);
    expect(sent.body).toEqual({ Query: request.query, Timespan: request.timespan });

    expect(body).toEqual(fixture);
    const parsed = parseHuntingResponse(body);
    expect(parsed.rows).toHaveLength(fixtureGood.length);
    expect(parsed.skipped).toBe(fixture.results.length - fixtureGood.length);
    expect(parsed.rows.map((r) => r.principalOid)).toEqual(fixtureGood.map((r) => r.PrincipalOID || undefined));
    expect(parsed.rows.map((r) => r.timestamp?.getTime())).toEqual(fixtureGood.map((r) => parseKustoDateTime(r.Timestamp)?.getTime()));
  });

  // The SDK attaches bearer tokens only for https hosts; this fake speaks http, so the token must NOT travel.
  // (config.ts refuses an http GRAPH_BASE_URL; the token path over https is tested with an HTTPS stand-in.)
  it('never sends the bearer token over plain http', async () => {
    await source().run(request);
    expect(fake.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('400 bad query → HUNTING_BAD_QUERY with the Kusto message and the Graph request-id', async () => {
    const kusto = "Query could not be parsed at 'OperationNam' on line [2,8]";
    fake.reply(graphBehaviour.error(400, 'BadRequest', kusto, { requestId: '11111111-2222-4333-8444-555555555555' }));

    const err = await failure(source().run(request));

    expect(err.code).toBe(ErrorCode.HuntingBadQuery);
    expect(err.message).toContain(kusto);
    expect(err.upstreamRequestId).toBe('11111111-2222-4333-8444-555555555555');
    expect(fake.requests).toHaveLength(1);
  });

  it('401 → HUNTING_UNAUTHORIZED carrying the request-id', async () => {
    fake.reply(graphBehaviour.unauthorized());
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingUnauthorized);
    expect(err.upstreamRequestId).toBe(fake.requests[0]?.requestId);
    expect(err.hint).toMatch(/credential/i);
  });

  it('403 → HUNTING_FORBIDDEN with a hint naming ThreatHunting.Read.All', async () => {
    fake.reply(graphBehaviour.forbidden());
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingForbidden);
    expect(err.hint).toContain('ThreatHunting.Read.All');
    expect(err.upstreamRequestId).toBe(fake.requests[0]?.requestId);
  });

  it('429 with Retry-After: 120 → HUNTING_THROTTLED, retryAfterSeconds 120, and no client-side retry', async () => {
    fake.reply(graphBehaviour.throttled(120));
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingThrottled);
    expect(err.retryAfterSeconds).toBe(120);
    expect(err.hint).toBe('Try again in 2 minutes.');
    expect(fake.requests).toHaveLength(1);
  });

  it('429 without Retry-After → HUNTING_THROTTLED, no retryAfterSeconds, "a few minutes" hint, and no client-side retry', async () => {
    fake.reply(graphBehaviour.throttled());
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingThrottled);
    expect(err.retryAfterSeconds).toBeUndefined();
    expect(err.hint).toMatch(/try again in a few minutes/i);
    expect(fake.requests).toHaveLength(1);
  });

  it('500 UnknownError → HUNTING_UNAVAILABLE, not retried', async () => {
    fake.reply(graphBehaviour.unknownError());
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingUnavailable);
    expect(err.message).toContain('500');
    expect(err.upstreamRequestId).toBe(fake.requests[0]?.requestId);
    expect(fake.requests).toHaveLength(1);
  });

  it('503 is not retried by the SDK: HUNTING_UNAVAILABLE after exactly one request', async () => {
    fake.reply(graphBehaviour.error(503, 'ServiceUnavailable', 'Service is unavailable.', { retryAfter: '0' }), graphBehaviour.ok());
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingUnavailable);
    expect(err.hint).toMatch(/try again/i);
    expect(fake.requests).toHaveLength(1);
  });

  it('504 → HUNTING_TIMEOUT', async () => {
    fake.reply(graphBehaviour.error(504, 'GatewayTimeout', 'The operation has timed out.'));
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingTimeout);
    expect(fake.requests).toHaveLength(1);
  });

  it('a hang past the timeout → HUNTING_TIMEOUT well before 5 s, and the same source keeps serving', async () => {
    const hunting = source(300);
    fake.reply(graphBehaviour.hang());

    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      hunting.run(request).then(
        () => 'resolved' as const,
        (e: unknown) => e,
      ),
      new Promise<'still pending after 5 s'>((resolve) => {
        timer = setTimeout(() => resolve('still pending after 5 s'), 5000);
      }),
    ]);
    clearTimeout(timer);

    expect(outcome).toBeInstanceOf(AppError);
    expect((outcome as AppError).code).toBe(ErrorCode.HuntingTimeout);
    expect((outcome as AppError).hint).toMatch(/shorter window/i);
    expect(fake.requests.map((r) => r.answeredWith)).toEqual(['hang']);

    const body = await hunting.run(request);
    expect(parseHuntingResponse(body).rows).toHaveLength(fixtureGood.length);
    expect(fake.requests.map((r) => r.answeredWith)).toEqual(['hang', 'ok']);
  });

  it('a 503 with a long Retry-After answers at once instead of sleeping past the timeout', async () => {
    fake.reply(graphBehaviour.error(503, 'ServiceUnavailable', 'Service is unavailable.', { retryAfter: '120' }));
    let timer: NodeJS.Timeout | undefined;
    const outcome = await Promise.race([
      source(300).run(request).then(() => 'resolved' as const, (e: unknown) => e),
      new Promise<'still pending after 1.2 s'>((resolve) => {
        timer = setTimeout(() => resolve('still pending after 1.2 s'), 1200);
      }),
    ]);
    clearTimeout(timer);
    expect((outcome as AppError).code).toBe(ErrorCode.HuntingUnavailable);
    expect(fake.requests).toHaveLength(1);
  });

  it('a 502 HTML page from a proxy → HUNTING_UNAVAILABLE', async () => {
    fake.reply(graphBehaviour.raw(502, 'text/html', '<html><body><h1>502 Bad Gateway</h1></body></html>'));
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingUnavailable);
    expect(err.message).toContain('502');
    expect(fake.requests).toHaveLength(1);
  });

  it('a 200 with truncated JSON → HUNTING_BAD_RESPONSE', async () => {
    fake.reply(graphBehaviour.raw(200, 'application/json', '{"schema": [{"name": "Timestamp"'));
    const err = await failure(source().run(request));
    expect(err.code).toBe(ErrorCode.HuntingBadResponse);
  });

  it('connection refused (server gone) → HUNTING_UNAVAILABLE', async () => {
    const url = fake.url;
    await fake.close();
    const err = await failure(source(10_000, url).run(request));
    expect(err.code).toBe(ErrorCode.HuntingUnavailable);
    expect(err.message).toMatch(/could not reach/i);
    expect(err.upstreamRequestId).toBeUndefined();
  });
});
