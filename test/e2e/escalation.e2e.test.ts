import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SecretWatch } from '../../src/app';
import { startFakeConnector, type FakeConnector } from '../support/fake-connector';
import { ALEX, MEGAN, actionInvoke, messageActivity, post } from '../support/teams-activity';
import { cardOf, extractionIdOf, startApp, tempDatabase, textOf } from './support';

const SOC = { conversationId: '19:soc-escalations@thread.tacv2', conversationType: 'channel' as const };

describe('escalation target and SOAR webhook', () => {
  let connector: FakeConnector;
  let app: SecretWatch;
  let webhook: Server;
  const received: Array<{ body: unknown; authorization?: string }> = [];
  let failFirst = true;

  beforeAll(async () => {
    connector = await startFakeConnector();
    webhook = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        if (failFirst) {
          failFirst = false;
          res.writeHead(503).end();
          return;
        }
        received.push({ body: JSON.parse(body) as unknown, ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => webhook.listen(0, '127.0.0.1', r));
    app = await startApp({
      DATABASE_PATH: tempDatabase(),
      ANALYSTS: MEGAN.aadObjectId ?? '',
      USER_COMMANDS_PER_MINUTE: '0',
      ESCALATION_WEBHOOK_URL: `http://127.0.0.1:${(webhook.address() as AddressInfo).port}/hook`,
      ESCALATION_WEBHOOK_BACKOFF_MS: '10',
    });
  });
  afterAll(async () => {
    await app.stop();
    await connector.close();
    await new Promise<void>((r) => webhook.close(() => r()));
  });

  test('only an analyst, in a channel, can set the target', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets escalate here', { serviceUrl: connector.url, ...SOC, from: ALEX }));
    await post(app.url, messageActivity('secrets escalate here', { serviceUrl: connector.url, from: MEGAN }));
    const [stranger, personal] = connector.messages().map((m) => textOf(cardOf(m)));
    expect(stranger).toMatch(/Only a SecretWatch analyst can choose where escalations go/);
    expect(personal).toMatch(/not to a personal chat/);
    connector.calls.length = 0;
    // Sent as a channel message, which Teams addresses as that message's thread: escalations must go to the channel, one thread each.
    await post(app.url, messageActivity('<at>SecretWatch</at> secrets escalate here', { serviceUrl: connector.url, conversationId: `${SOC.conversationId};messageid=1733300000000`, conversationType: 'channel', from: MEGAN }));
    expect(connector.messages()[0]?.activity.text).toMatch(/Escalations will be posted here from now on \(set by Megan Bowen\)/);
  });

  test('"Not me" posts the card to the SOC channel with who, why and an @mention of the principal by name, and sends the event to the webhook (after a retry)', async () => {
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 30d mine', { serviceUrl: connector.url }));
    await app.idle();
    const card = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined);
    const extractionId = extractionIdOf(card ?? {});
    connector.calls.length = 0;
    const res = await post(app.url, actionInvoke('deny', { extractionId, comment: 'I was on leave that day' }, 'msg-1', { serviceUrl: connector.url }));
    expect(textOf((res.body as { value: unknown }).value)).toMatch(/"Not me": escalated by\s*\| Alex Wilber \(the account holder\)/);
    expect(textOf((res.body as { value: unknown }).value)).not.toMatch(/no escalation channel/);
    await app.idle();

    const inSoc = connector.messages().filter((m) => m.conversationId === SOC.conversationId);
    expect(inSoc).toHaveLength(1);
    const message = inSoc[0]?.activity;
    // Alex has answered already ("Not me"): the post says so instead of asking him to respond.
    expect(message?.text).toBe('Escalation for the SOC: <at>Alex Wilber</at> says this extraction was not them.');
    // Who and why, said once, by the card's own decision line.
    const socText = textOf(cardOf(inSoc[0]));
    expect(socText).toMatch(/"Not me": escalated by\s*\| Alex Wilber \(the account holder\) \| "I was on leave that day"/);
    expect(socText.match(/I was on leave that day/g)).toHaveLength(1);
    expect(socText).not.toMatch(/\(actor\)/);
    expect(message?.['entities']).toEqual([{ type: 'mention', text: '<at>Alex Wilber</at>', mentioned: { id: ALEX.aadObjectId, name: 'Alex Wilber' } }]);
    expect(extractionIdOf(cardOf(inSoc[0]))).toBeUndefined(); // decided: only a change button
    expect(textOf(cardOf(inSoc[0]))).toContain(`Id ${extractionId ?? ''}`);

    expect(received).toHaveLength(1);
    expect(received[0]?.body).toMatchObject({
      event: 'secretwatch.escalation',
      extraction: { id: extractionId, principalId: ALEX.aadObjectId },
      decision: { verb: 'deny', status: 'escalated', actorName: 'Alex Wilber', role: 'actor', comment: 'I was on leave that day' },
    });
    // Exactly these fields: facts and the decision, nothing credential-like.
    const body = received[0]?.body as { extraction: object; decision: object };
    expect(Object.keys(body.extraction)).toEqual(['id', 'time', 'operation', 'principalId', 'application', 'service', 'subscriptionId', 'resourceGroup', 'outcome', 'clientIp']);
    expect(Object.keys(body.decision)).toEqual(['verb', 'status', 'actorId', 'actorName', 'role', 'comment', 'decidedAt']);
    expect(received[0]?.authorization).toBeUndefined();

    // An analyst's escalation of another of Alex's extractions asks him to respond, in the post's thread.
    connector.calls.length = 0;
    await post(app.url, messageActivity('secrets last 30d mine pending', { serviceUrl: connector.url }));
    await app.idle();
    const next = connector.messages().map((m) => (m.activity.attachments ? cardOf(m) : {})).find((c) => extractionIdOf(c) !== undefined && extractionIdOf(c) !== extractionId);
    connector.calls.length = 0;
    await post(app.url, actionInvoke('escalate', { extractionId: extractionIdOf(next ?? {}), comment: 'no change ticket' }, 'msg-2', { serviceUrl: connector.url, from: MEGAN }));
    await app.idle();
    const asked = connector.messages().filter((m) => m.conversationId === SOC.conversationId);
    expect(asked.map((m) => m.activity.text)).toEqual(['Escalation for the SOC. <at>Alex Wilber</at>, please respond in this thread.']);
    expect(received).toHaveLength(2);

    // A later decision, even one clicked on the SOC post itself, does not overwrite the SOC's record of who escalated and why.
    const socMessageId = inSoc[0]?.assignedId ?? '';
    const clicked = await post(app.url, actionInvoke('change-to-approved', { extractionId, comment: 'confirmed with Alex by phone' }, socMessageId, { serviceUrl: connector.url, ...SOC, from: MEGAN }));
    expect(textOf((clicked.body as { value: unknown }).value)).toMatch(/Approved after review by\s*\| Megan Bowen \(analyst\)/); // the clicker sees the new state
    await app.idle();
    expect(connector.updates().filter((u) => u.activityId === socMessageId)).toEqual([]);
  });
});
