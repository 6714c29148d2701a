import type { Server } from 'node:http';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { CloudAdapter } from 'botbuilder';
import type { Logger } from '../log';
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
    await adapter.process(req, res, (context) => bot.run(context));
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
