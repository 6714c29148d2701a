import { createServer, type Server } from 'node:https';
import { gunzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { AppProcesses, waitFor } from '../support/app-process';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { messageActivity, post } from '../support/teams-activity';
import { createTestCertificate, type TestCertificate } from '../support/tls';
import { tempDatabase } from './support';

/**
 * Optional Application Insights, for real: the process started with a connection string whose
 * ingestion endpoint is a local HTTPS stand-in (the exporter upgrades http to https; the stand-in's
 * certificate is trusted through NODE_EXTRA_CA_CERTS) receives the OpenTelemetry export (Breeze
 * `/v2.1/track`, JSON envelopes), including the request to /api/messages. Without the setting, nothing is sent.
 */
const apps = new AppProcesses();
const IKEY = '0f1e2d3c-4b5a-4978-8695-a4b3c2d1e0f9';

describe('Application Insights telemetry', () => {
  let connector: FakeConnector;
  let ingestion: Server;
  let envelopes: Array<Record<string, unknown>> = [];
  let ingestionUrl = '';
  let cert: TestCertificate;

  beforeAll(async () => {
    connector = await startFakeConnector();
    cert = createTestCertificate();
    ingestion = createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const text = (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
        // The body is a JSON array (or newline-delimited JSON) of envelopes.
        const items = text.trim().startsWith('[') ? (JSON.parse(text) as unknown[]) : text.trim().split('\n').map((l) => JSON.parse(l) as unknown);
        if (req.url?.startsWith('/v2.1/track') === true) envelopes.push(...(items as Array<Record<string, unknown>>));
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ itemsReceived: items.length, itemsAccepted: items.length, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
    ingestionUrl = `https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`;
  });
  afterEach(async () => {
    await apps.killAll();
    envelopes = [];
  });
  afterAll(async () => {
    await connector.close();
    await new Promise((resolve) => ingestion.close(resolve));
    cert.remove();
  });

  test('with APPLICATIONINSIGHTS_CONNECTION_STRING: the request to /api/messages arrives as a RequestData envelope for that key', async () => {
    const app = await apps.start({
      PORT: '0',
      DATABASE_PATH: tempDatabase(),
      SEND_INTERVAL_MS: '0',
      APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=${IKEY};IngestionEndpoint=${ingestionUrl}`,
      NODE_EXTRA_CA_CERTS: cert.certPath,
    });
    expect(app.output()).toMatch(/"telemetry":"Application Insights"/);
    expect((await post(app.url, messageActivity('help', { serviceUrl: connector.url }))).status).toBe(200);
    await waitFor(() => envelopes.some((e) => (e['data'] as { baseType?: string } | undefined)?.baseType === 'RequestData'), 'a RequestData envelope', 30_000);
    const request = envelopes.find((e) => (e['data'] as { baseType?: string }).baseType === 'RequestData');
    expect(request?.['iKey']).toBe(IKEY);
    const data = (request?.['data'] as { baseData: { name?: string; url?: string; responseCode?: string } }).baseData;
    expect(`${data.name ?? ''} ${data.url ?? ''}`).toMatch(/\/api\/messages/);
    expect(data.responseCode).toBe('200');
    // Nothing of the message itself (the chat text) travels in the telemetry.
    expect(JSON.stringify(envelopes)).not.toContain('"text":"help"');
  }, 60_000);

  test('without it: telemetry is off and nothing is sent', async () => {
    const app = await apps.start({ PORT: '0', DATABASE_PATH: tempDatabase(), SEND_INTERVAL_MS: '0' });
    expect(app.output()).toMatch(/"telemetry":"off"/);
    await post(app.url, messageActivity('help', { serviceUrl: connector.url }));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(envelopes).toEqual([]);
  });
});
