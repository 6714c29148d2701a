import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import { withLogContext, type Logger } from '../log';
import type { SecretWatchBot } from './secretwatch-bot';

export interface HealthInfo {
  readonly mode: string;
  readonly source: string;
}

/** POST /api/messages (Bot Framework) and GET /healthz. */
export function createHttpApp(adapter: CloudAdapter, bot: SecretWatchBot, health: HealthInfo, log: Logger): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok', ...health });
  });
  app.post('/api/messages', express.json({ limit: '1mb' }), async (req: Request, res: Response) => {
    const body: unknown = req.body;
    if (typeof body !== 'object' || body === null || typeof (body as { type?: unknown }).type !== 'string') {
      res.status(400).json({ error: 'expected a Bot Framework activity with a type' });
      return;
    }
    // One id per request, on every log line of its turn and of the work the turn starts; returned to the caller.
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    const activity = body as { type: string; id?: unknown; name?: unknown };
    const fields = {
      requestId,
      activityType: activity.type.slice(0, 40),
      ...(typeof activity.id === 'string' && { activityId: activity.id.slice(0, 100) }),
      ...(typeof activity.name === 'string' && { invoke: activity.name.slice(0, 60) }),
    };
    await withLogContext(fields, async () => {
      // With authentication on, a request without a token is refused here: botbuilder would print a
      // stack trace to stderr for it, and an operator checking the deployment looks for a log line.
      if (health.mode !== 'local' && typeof req.headers.authorization !== 'string') {
        log.warn('request refused: no Bot Framework token', { status: 401 });
        res.status(401).json({ error: 'unauthorized' });
        return;
      }
      const started = Date.now();
      await adapter.process(req, res, (context) => bot.run(context));
      if (res.statusCode === 401) log.warn('request refused: Bot Framework authentication failed', { status: 401 });
      else log.debug('activity processed', { status: res.statusCode, ms: Date.now() - started });
    });
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  // Malformed JSON and oversize bodies: a 4xx, never a stack trace.
  app.use((err: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof err.status === 'number' && err.status >= 400 && err.status < 500 ? err.status : 500;
    if (status === 500) log.error('http request failed', { error: err });
    res.status(status).json({ error: status === 500 ? 'internal error' : (err.type ?? 'bad request') });
  });
  return app;
}

export function listen(app: express.Express, host: string, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
    server.once('error', reject);
  });
}
