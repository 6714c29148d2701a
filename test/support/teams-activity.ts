import { randomUUID } from 'node:crypto';

export const TENANT_ID = '4f1c2b3a-6d5e-4a7b-8c9d-0e1f2a3b4c5d';
export const BOT = { id: '28:secretwatch-bot', name: 'SecretWatch' };
/** Alex Wilber: a principal of the bundled sample data. */
export const ALEX = { id: '29:alex', name: 'Alex Wilber', aadObjectId: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b' };
export const MEGAN = { id: '29:megan', name: 'Megan Bowen', aadObjectId: 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5' };

export interface Member {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
}

interface Options {
  readonly serviceUrl: string;
  readonly from?: Member;
  readonly conversationId?: string;
  readonly conversationType?: 'personal' | 'channel' | 'groupChat';
}

function base(o: Options): Record<string, unknown> {
  return {
    id: randomUUID(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    timestamp: new Date().toISOString(),
    from: o.from ?? ALEX,
    recipient: BOT,
    conversation: { id: o.conversationId ?? 'a:1personal-chat-with-alex', conversationType: o.conversationType ?? 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    locale: 'en-US',
  };
}

/** A Teams message activity as Teams posts it to /api/messages. */
export function messageActivity(text: string, o: Options): Record<string, unknown> {
  const mentioned = text.includes('<at>');
  return {
    ...base(o),
    type: 'message',
    text,
    textFormat: 'plain',
    ...(mentioned && { entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }] }),
  };
}

/** The `adaptiveCard/action` invoke Teams sends for an Action.Execute click. */
export function actionInvoke(verb: string, data: unknown, replyToId: string, o: Options): Record<string, unknown> {
  return {
    ...base(o),
    type: 'invoke',
    name: 'adaptiveCard/action',
    replyToId,
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

export async function post(url: string, activity: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}
