import { connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { createServer, type TLSSocket } from 'node:tls';
import { startFakeGraph, type FakeGraph, type FakeGraphBehaviour, type RecordedRequest } from './fake-graph';
import type { TestCertificate } from './tls';

/**
 * The fake Graph of ./fake-graph.ts (same scripted runHuntingQuery behaviours, same seed-projection
 * fixture, same recording) served over HTTPS on 127.0.0.1: a TLS terminator in front of the plain
 * HTTP fake pipes the decrypted bytes through untouched, so every header the client sent —
 * Authorization included — is recorded by the inner fake exactly as it arrived.
 */
export interface FakeGraphHttps extends FakeGraph {
  /** https://127.0.0.1:PORT — pass as GRAPH_BASE_URL. */
  readonly url: string;
}

export async function startFakeGraphHttps(options: {
  readonly tls: Pick<TestCertificate, 'key' | 'cert'>;
  readonly defaultBehaviour?: FakeGraphBehaviour;
}): Promise<FakeGraphHttps> {
  const inner = await startFakeGraph(options.defaultBehaviour === undefined ? {} : { defaultBehaviour: options.defaultBehaviour });
  const innerPort = Number(new URL(inner.url).port);
  const sockets = new Set<Socket>();

  const server = createServer({ key: options.tls.key, cert: options.tls.cert }, (client: TLSSocket) => {
    const upstream = connect(innerPort, '127.0.0.1');
    sockets.add(client).add(upstream);
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  let closed: Promise<void> | undefined;
  return {
    url: `https://127.0.0.1:${port}`,
    get requests() {
      return inner.requests;
    },
    reply: (...behaviours) => inner.reply(...behaviours),
    setDefault: (behaviour) => inner.setDefault(behaviour),
    serveDirectory: (behaviour) => inner.serveDirectory(behaviour),
    reset: () => inner.reset(),
    close: () => {
      closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const s of sockets) s.destroy();
        sockets.clear();
        await Promise.all([stopped, inner.close()]);
      })();
      return closed;
    },
  };
}

/** The Authorization header a recorded Graph request carried (undefined when none). */
export function authorizationOf(request: RecordedRequest | undefined): string | undefined {
  const v = request?.headers.authorization;
  return Array.isArray(v) ? v[0] : v;
}
