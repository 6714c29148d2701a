import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './http';

/**
 * A local stand-in for the directory part of Microsoft Graph (plain HTTP on 127.0.0.1): `POST
 * /directoryObjects/getByIds`, `GET /users/{upn}`, and `GET /users` / `GET /servicePrincipals` with
 * the `$filter` forms SecretWatch sends (`displayName eq '…'`, `appId in ('…', …)`), answered from
 * the objects it is given, in Graph's wire format. It decodes URLs as Graph does, so a wrongly
 * escaped value finds nothing (or the wrong thing).
 */
export interface DirectoryGraphStandIn {
  readonly url: string;
  /** Every request: method and path with its query string exactly as received. */
  readonly requests: Array<{ readonly method: string; readonly path: string }>;
  /** Answer requests whose path starts with `prefix` (e.g. "/v1.0/servicePrincipals") with this status and Graph's error envelope. */
  fail(prefix: string, status: number): void;
  /** Answer requests whose path starts with `prefix` with a 200 and this body instead (a proxy page, an odd JSON). */
  garble(prefix: string, body: string, contentType: string): void;
  /** Stop failing or garbling. */
  heal(): void;
  close(): Promise<void>;
}

export type DirectoryObject = Readonly<Record<string, unknown>> & { readonly id: string; readonly displayName: string; readonly '@odata.type': string };

export async function startDirectoryGraph(objects: readonly DirectoryObject[]): Promise<DirectoryGraphStandIn> {
  const requests: Array<{ method: string; path: string }> = [];
  let failing: { prefix: string; status: number } | undefined;
  let garbled: { prefix: string; body: string; contentType: string } | undefined;
  const users = objects.filter((o) => o['@odata.type'] === '#microsoft.graph.user');
  const servicePrincipals = objects.filter((o) => o['@odata.type'] === '#microsoft.graph.servicePrincipal');
  // Graph's list answers carry no @odata.type per object.
  const plain = (o: DirectoryObject, select: string | null): Record<string, unknown> =>
    Object.fromEntries(Object.entries(o).filter(([k]) => k !== '@odata.type' && (select === null || select.split(',').includes(k))));

  const server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const method = req.method ?? '';
      const path = req.url ?? '';
      requests.push({ method, path });
      if (garbled !== undefined && path.startsWith(garbled.prefix)) return void res.writeHead(200, { 'content-type': garbled.contentType }).end(garbled.body);
      if (failing !== undefined && path.startsWith(failing.prefix)) return error(res, failing.status, failing.status === 403 ? 'Authorization_RequestDenied' : 'UnknownError', 'Insufficient privileges to complete the operation.');
      const url = new URL(path, 'http://graph.local');
      const select = url.searchParams.get('$select');
      const filter = url.searchParams.get('$filter');
      const segment = decodeURIComponent(url.pathname.replace(/^\/v1\.0\//, ''));
      if (method === 'POST' && segment === 'directoryObjects/getByIds') {
        const { ids } = JSON.parse(raw) as { ids: string[] };
        return json(res, 200, { value: objects.filter((o) => ids.includes(o.id)) });
      }
      if (method !== 'GET') return error(res, 405, 'Request_BadRequest', 'The requested resource does not support http method.');
      const one = /^users(?:\/(.+)|\('(.+)'\))$/.exec(segment);
      if (one !== null) {
        const key = (one[1] ?? one[2]?.replace(/''/g, "'") ?? '').toLowerCase();
        const user = users.find((u) => u.id === key || String(u['userPrincipalName']).toLowerCase() === key);
        return user === undefined
          ? error(res, 404, 'Request_ResourceNotFound', `Resource '${key}' does not exist or one of its queried reference-property objects are not present.`)
          : json(res, 200, { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users/$entity', ...plain(user, select) });
      }
      const list = segment === 'users' ? users : segment === 'servicePrincipals' ? servicePrincipals : undefined;
      if (list === undefined || filter === null) return error(res, 400, 'BadRequest', `Resource not found for the segment '${segment}'.`);
      const byName = /^displayName eq '((?:[^']|'')*)'$/.exec(filter);
      const byAppIds = /^appId in \(((?:'[^']*',?)*)\)$/.exec(filter);
      let found: DirectoryObject[];
      if (byName !== null) {
        const name = (byName[1] ?? '').replace(/''/g, "'").toLowerCase();
        found = list.filter((o) => o.displayName.toLowerCase() === name); // Entra compares case-insensitively
      } else if (byAppIds !== null) {
        const ids = (byAppIds[1] ?? '').split(',').map((s) => s.replace(/'/g, '').toLowerCase());
        if (ids.length > 15) return error(res, 400, 'Request_UnsupportedQuery', 'Too many child clauses specified in search filter expression containing \'OR\' operators: 16. Max allowed: 15.');
        found = list.filter((o) => ids.includes(String(o['appId']).toLowerCase()));
      } else {
        return error(res, 400, 'Request_UnsupportedQuery', `Unsupported or invalid query filter clause specified: '${filter}'.`);
      }
      return json(res, 200, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${segment}`, value: found.map((o) => plain(o, select)) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    fail: (prefix, status) => {
      failing = { prefix, status };
    },
    garble: (prefix, body, contentType) => {
      garbled = { prefix, body, contentType };
    },
    heal: () => {
      failing = undefined;
      garbled = undefined;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), 'request-id': 'fake-directory' }).end(text);
}

function error(res: ServerResponse, status: number, code: string, message: string): void {
  json(res, status, { error: { code, message, innerError: { 'request-id': 'fake-directory' } } });
}
