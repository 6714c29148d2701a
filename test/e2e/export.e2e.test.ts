import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretWatch } from '../../src/app';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { ALEX, MEGAN, actionInvoke, messageActivity, post } from '../support/teams-activity';
import { cardOf, extractionIdOf, startApp, tempDatabase } from './support';

describe('secrets export', () => {
  let connector: FakeConnector;
  let app: SecretWatch;
  let upload: Server;
  const uploads: Array<{ method: string; range?: string; body: string }> = [];

  beforeAll(async () => {
    connector = await startFakeConnector();
    upload = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        uploads.push({ method: req.method ?? '', ...(req.headers['content-range'] !== undefined && { range: req.headers['content-range'] }), body });
        res.writeHead(201).end('{}');
      });
    });
    await new Promise<void>((r) => upload.listen(0, '127.0.0.1', r));
    app = await startApp({ DATABASE_PATH: tempDatabase(), USER_COMMANDS_PER_MINUTE: '0' }); // local default analyst: Alex
    // One decision to export.
    await post(app.url, messageActivity('secrets last 30d', { serviceUrl: connector.url }));
    await app.idle();
    const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined);
    await post(app.url, actionInvoke('approve', { extractionId: extractionIdOf(card ?? {}), comment: 'ok, "ticket" 12' }, 'x', { serviceUrl: connector.url }));
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await new Promise<void>((r) => upload.close(() => r()));
  });

  test('in a Teams personal chat: a consent card, then on accept the CSV is uploaded and shown as a file', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets export last 30d', { serviceUrl: connector.url }));
    const consent = connector.messages()[0]?.activity.attachments?.[0];
    expect(consent?.contentType).toBe('application/vnd.microsoft.teams.card.file.consent');
    const exportId = (consent?.content['acceptContext'] as { exportId: string }).exportId;

    const uploadUrl = `http://127.0.0.1:${(upload.address() as AddressInfo).port}/upload/session`;
    const accept = {
      ...actionInvoke('x', {}, 'x', { serviceUrl: connector.url }),
      name: 'fileConsent/invoke',
      value: { type: 'fileUpload', action: 'accept', context: { exportId }, uploadInfo: { uploadUrl, contentUrl: 'https://contoso-my.sharepoint.com/x.csv', name: 'x.csv', uniqueId: 'u1', fileType: 'csv' } },
    };
    connector.calls.length = 0;
    expect((await post(app.url, accept)).status).toBe(200);
    expect(uploads).toHaveLength(1);
    expect(uploads[0]?.method).toBe('PUT');
    const lines = uploads[0]?.body.trim().split('\r\n') ?? [];
    expect(uploads[0]?.range).toBe(`bytes 0-${Buffer.byteLength(uploads[0]?.body ?? '') - 1}/${Buffer.byteLength(uploads[0]?.body ?? '')}`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('"ok, ""ticket"" 12"');
    expect(connector.messages()[0]?.activity.attachments?.[0]?.contentType).toBe('application/vnd.microsoft.teams.card.file.info');

    // The same consent cannot be used twice, and nobody else can accept someone's export.
    connector.calls.length = 0;
    await post(app.url, accept);
    expect(connector.messages()[0]?.activity.text).toMatch(/no longer available/);
    expect(uploads).toHaveLength(1);
  });

  test('an upload URL outside OneDrive/SharePoint is refused without using up the export', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets export', { serviceUrl: connector.url }));
    const exportId = (connector.messages()[0]?.activity.attachments?.[0]?.content['acceptContext'] as { exportId: string }).exportId;
    const accept = (uploadUrl: string): Record<string, unknown> => ({
      ...actionInvoke('x', {}, 'x', { serviceUrl: connector.url }),
      name: 'fileConsent/invoke',
      value: { type: 'fileUpload', action: 'accept', context: { exportId }, uploadInfo: { uploadUrl, contentUrl: 'https://x/y', name: 'x.csv', uniqueId: 'u', fileType: 'csv' } },
    });
    expect((await post(app.url, accept('https://attacker.example/upload'))).status).toBe(400);
    expect((await post(app.url, accept('http://10.0.0.1/upload'))).status).toBe(400);
    const before = uploads.length;
    expect((await post(app.url, accept(`http://127.0.0.1:${(upload.address() as AddressInfo).port}/upload`))).status).toBe(200);
    expect(uploads.length).toBe(before + 1); // still usable after the refused attempts
  });

  test('refused for non-analysts and outside personal chats; other channels get the CSV inline', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets export', { serviceUrl: connector.url, from: MEGAN }));
    await post(app.url, messageActivity('secrets export', { serviceUrl: connector.url, conversationId: '19:c@thread.tacv2', conversationType: 'channel' }));
    const [notAnalyst, inChannel] = connector.messages().map((m) => JSON.stringify(m.activity.attachments?.[0]?.content));
    expect(notAnalyst).toMatch(/Only a SecretWatch analyst can export decisions/);
    expect(inChannel).toMatch(/only in a personal chat/);

    connector.calls.length = 0;
    await post(app.url, { ...messageActivity('secrets export last 7d', { serviceUrl: connector.url, from: ALEX }), channelId: 'webchat' });
    const file = connector.messages()[0]?.activity.attachments?.[0] as unknown as { contentType: string; contentUrl: string };
    expect(file.contentType).toBe('text/csv');
    expect(Buffer.from(file.contentUrl.replace('data:text/csv;base64,', ''), 'base64').toString()).toMatch(/^decided_at,extraction_id,verb/);
  });
});
