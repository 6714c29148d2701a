import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An activity as the bot sent it to the Bot Connector (the fields tests read). */
export interface SentActivity {
  readonly type?: string;
  readonly text?: string;
  readonly id?: string;
  readonly replyToId?: string;
  readonly attachments?: Array<{ contentType: string; content: Record<string, unknown> }>;
  readonly [key: string]: unknown;
}

export interface ConnectorCall {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** POST: the activity replied to (if any). PUT: the activity updated. */
  readonly activityId?: string;
  /** The id this fake assigned (POST) or the id updated (PUT). */
  readonly assignedId: string;
  readonly activity: SentActivity;
  readonly authorization?: string;
}

export interface FakeConnector {
  readonly url: string;
  readonly calls: ConnectorCall[];
  /** Posted message activities (not typing), in order. */
  messages(): ConnectorCall[];
  updates(): ConnectorCall[];
  /** From now on, updates (PUT) into this conversation are refused with this status and error code (default: the bot was removed from it). */
  refuseUpdatesIn(conversationId: string, status: number, code?: string): void;
  close(): Promise<void>;
}

/**
 * A local stand-in for the Bot Connector service (the `serviceUrl` of a Teams activity): it
 * accepts `POST /v3/conversations/{id}/activities[/{replyToId}]` and
 * `PUT /v3/conversations/{id}/activities/{activityId}` and answers `{ id }` as the service does.
 */
export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const refused = new Map<string, { status: number; code: string }>();
  let next = 1;
  const server = createServer((req, res) => {
    void readJson(req).then((activity) => {
      const m = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
      if (m === null || (req.method !== 'POST' && req.method !== 'PUT')) {
        res.writeHead(404).end();
        return;
      }
      const conversationId = decodeURIComponent(m[1] ?? '');
      const activityId = m[2] === undefined ? undefined : decodeURIComponent(m[2]);
      const refusal = req.method === 'PUT' ? refused.get(conversationId) : undefined;
      if (refusal !== undefined) {
        res.writeHead(refusal.status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: refusal.code, message: refusal.code === 'BotNotInConversationRoster' ? 'The bot is not part of the conversation roster.' : 'The bot is disabled by the tenant admin.' } }));
        return;
      }
      const assignedId = req.method === 'PUT' ? (activityId ?? '') : `msg-${next++}`;
      calls.push({
        method: req.method,
        conversationId,
        ...(activityId !== undefined && { activityId }),
        assignedId,
        activity: activity as SentActivity,
        ...(req.headers.authorization !== undefined && { authorization: req.headers.authorization }),
      });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: assignedId }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    messages: () => calls.filter((c) => c.method === 'POST' && c.activity.type === 'message'),
    updates: () => calls.filter((c) => c.method === 'PUT'),
    refuseUpdatesIn: (conversationId, status, code = 'BotNotInConversationRoster') => void refused.set(conversationId, { status, code }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve({});
      }
    });
  });
}
