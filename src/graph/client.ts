import {
  AuthenticationHandler,
  Client,
  HTTPMessageHandler,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
} from '@microsoft/microsoft-graph-client';
import { TokenCredentialAuthenticationProvider } from '@microsoft/microsoft-graph-client/authProviders/azureTokenCredentials';
import type { TokenCredential } from '@azure/identity';
import type { GraphPoster } from '../hunting/graph-source';

export interface GraphClientOptions {
  readonly credential: TokenCredential;
  /** https://graph.microsoft.com, a national cloud's Graph, or a local stand-in in tests. */
  readonly baseUrl: string;
}

/**
 * A Microsoft Graph client for app-only calls. The SDK's default retry handler would retry a
 * quota 429 three times (burning the tenant's CPU allowance) and sleeps through Retry-After
 * without honouring our timeout, so SDK retries are off: failures reach the user at once with
 * what to do, and retry policy lives in our own code.
 */
export function createGraphPoster(options: GraphClientOptions): GraphPoster {
  const base = new URL(options.baseUrl);
  const scope = `${base.origin}/.default`;
  const auth = new AuthenticationHandler(new TokenCredentialAuthenticationProvider(options.credential, { scopes: [scope] }));
  const retry = new RetryHandler(new RetryHandlerOptions(0, 0, () => false));
  const telemetry = new TelemetryHandler();
  const http = new HTTPMessageHandler();
  auth.setNext(retry);
  retry.setNext(telemetry);
  telemetry.setNext(http);
  const client = Client.initWithMiddleware({
    middleware: auth,
    baseUrl: `${base.origin}${base.pathname.replace(/\/$/, '')}/`,
    defaultVersion: 'v1.0',
    // The SDK adds the bearer token only for https hosts it knows; a national cloud or stand-in must be named.
    customHosts: new Set([base.hostname]),
  });
  return {
    post: (path, body, signal) =>
      bounded(signal, () =>
        client
          .api(path)
          .header('Content-Type', 'application/json; charset=utf-8')
          .option('signal', signal)
          .post(body) as Promise<unknown>,
      ),
    // The SDK splits the query string on & and = and sends each value as given: values must arrive percent-encoded.
    get: (path, signal) => bounded(signal, () => client.api(path).option('signal', signal).get() as Promise<unknown>),
  };
}

/**
 * The signal reaches fetch, but the token is fetched before it (the authentication middleware
 * takes no signal): a hanging token endpoint would outlast every timeout. So the whole call gives
 * up when the signal fires, with the signal's reason, as fetch would.
 */
function bounded<T>(signal: AbortSignal | undefined, run: () => Promise<T>): Promise<T> {
  if (signal === undefined) return run();
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    run()
      .then(resolve, reject)
      .finally(() => signal.removeEventListener('abort', onAbort));
  });
}
