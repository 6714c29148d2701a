import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { CachedDirectory } from '../../src/directory/cached-directory';
import { describePrincipal, parseDirectoryObjects } from '../../src/directory/principal';
import { createGraphPoster } from '../../src/graph/client';
import { localDirectory } from '../../src/directory/local-directory';
import { graphDirectory } from '../../src/graph/directory-objects';
import { silentLogger } from '../../src/log';

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/graph/directoryObjects.getByIds.json'), 'utf8')) as { value: Array<{ id: string }> };

describe('directory over a Graph stand-in answering getByIds', () => {
  let server: Server;
  let status = 200;
  /** When set, every 200 answer is this raw body with this content type (a proxy page, an odd JSON). */
  let raw: { body: string; type: string } | undefined;
  const requests: Array<{ path: string; ids: string[] }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const { ids } = JSON.parse(body) as { ids: string[] };
        requests.push({ path: req.url ?? '', ids });
        if (status !== 200) {
          res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }));
          return;
        }
        if (raw !== undefined) {
          res.writeHead(raw.body === '' ? 204 : 200, { 'content-type': raw.type }).end(raw.body);
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ...fixture, value: fixture.value.filter((o) => ids.includes(o.id)) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  const directory = (): CachedDirectory => {
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const graph = createGraphPoster({ credential, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    return new CachedDirectory(graphDirectory(graph), { ttlMs: 60_000, now: () => new Date(), log: silentLogger });
  };

  test('one request for 40 principals; a second reply makes no call; unknown ids are absent', async () => {
    requests.length = 0;
    const d = directory();
    const known = fixture.value.map((o) => o.id);
    const ids = [...known, ...Array.from({ length: 40 - known.length }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`)];
    const first = await d.resolve(ids);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.path).toBe('/v1.0/directoryObjects/getByIds');
    expect(requests[0]?.ids).toHaveLength(40);
    expect(first.failed).toBe(false);
    expect(first.principals.size).toBe(known.length);
    const again = await d.resolve(ids);
    expect(requests).toHaveLength(1);
    expect(again.principals.size).toBe(known.length);
  });

  test.each([
    ['an HTML page from a proxy', '<html><body>Sign in to the proxy</body></html>', 'text/html'],
    ['an object without value', '{}', 'application/json'],
    ['a null value', '{"value":null}', 'application/json'],
    ['a string value', '{"value":"x"}', 'application/json'],
    ['an empty 204', '', 'application/json'],
  ])('a 200 with %s is a failed lookup, not "nobody", and is not cached', async (_name, body, type) => {
    const d = directory();
    const id = fixture.value[0]?.id ?? '';
    raw = { body, type };
    try {
      expect(await d.resolve([id])).toMatchObject({ failed: true, principals: new Map() });
    } finally {
      raw = undefined;
    }
    // Graph recovered: the name is there at once, not after the cache time.
    const after = await d.resolve([id]);
    expect([after.failed, after.principals.size]).toEqual([false, 1]);
  });

  test('ids that are not object ids are never sent (Graph would refuse the whole batch) and are simply unknown', async () => {
    requests.length = 0;
    const known = fixture.value.map((o) => o.id);
    const r = await directory().resolve([...known, 'not-a-guid', '12345', "x' or 1 eq 1"]);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.ids).toEqual(known);
    expect([r.failed, r.principals.size]).toEqual([false, known.length]);
    expect(await directory().resolve(['12345'])).toEqual({ failed: false, principals: new Map() });
    expect(requests).toHaveLength(1);
  });

  test('a 403 degrades to ids with failed=true, never throws', async () => {
    status = 403;
    try {
      const r = await directory().resolve([fixture.value[0]?.id ?? '']);
      expect(r).toMatchObject({ failed: true });
      expect(r.principals.size).toBe(0);
    } finally {
      status = 200;
    }
  });
});

describe('a token endpoint that never answers', () => {
  test('the directory timeout covers getting the token too: a failed lookup in time, not a hung reply', async () => {
    const hanging = { getToken: () => new Promise<never>(() => undefined) };
    // https: the SDK asks for a token only for https hosts (nothing listens on port 9, and the token never comes anyway).
    const graph = createGraphPoster({ credential: hanging, baseUrl: 'https://127.0.0.1:9' });
    const d = new CachedDirectory(graphDirectory(graph, 200), { ttlMs: 60_000, now: () => new Date(), log: silentLogger });
    // Before the fix both calls waited forever (the test timed out): they now fail after the 200 ms timeout.
    expect(await d.resolve([fixture.value[0]?.id ?? ''])).toMatchObject({ failed: true });
    expect(await d.find({ kind: 'name', name: 'Adele Vance' })).toEqual({ kind: 'failed' });
  });
});

describe('CachedDirectory when the directory is down', () => {
  test('the first failed batch ends the lookup: 100 unknown applications cost one failed call, not seven timeouts', async () => {
    const calls: number[] = [];
    const failing = {
      getByIds: (ids: readonly string[]) => (calls.push(ids.length), Promise.reject(new Error('timeout'))),
      findByUpn: () => Promise.resolve([]),
      findByDisplayName: () => Promise.resolve([]),
      applicationsByAppId: (ids: readonly string[]) => (calls.push(ids.length), Promise.reject(new Error('timeout'))),
    };
    const d = new CachedDirectory(failing, { ttlMs: 60_000, now: () => new Date(), log: silentLogger, batchSize: 10 });
    const apps = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    expect(await d.applicationNames(apps)).toEqual({ names: new Map(), failed: true });
    expect(calls).toEqual([15]);
    expect(await d.resolve(apps)).toMatchObject({ failed: true });
    expect(calls).toEqual([15, 10]);
  });
});

describe('principal descriptions', () => {
  const principals = parseDirectoryObjects(fixture.value);
  test('users and service principals from the fixture', () => {
    const adele = principals.find((p) => p.displayName === 'Adele Vance');
    expect(describePrincipal(adele, adele?.id)).toBe('Adele Vance (adele.vance@contoso.com) · Platform Engineer, Platform');
    const sp = principals.find((p) => p.kind === 'servicePrincipal');
    expect(describePrincipal(sp, sp?.id)).toBe('service principal sp-contoso-apim-config-backup (app a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e)');
    expect(describePrincipal(undefined, 'x-1')).toBe('unknown principal x-1');
  });
  test('odd objects are skipped', () => {
    expect(parseDirectoryObjects([null, 1, { id: 'a' }, { id: 'b', displayName: 'B', '@odata.type': '#microsoft.graph.group' }])).toEqual([]);
    // An id that is not an object id never becomes a KQL value or a mention's target.
    expect(parseDirectoryObjects([{ id: 'x" or 1==1 //', displayName: 'X', '@odata.type': '#microsoft.graph.user' }])).toEqual([]);
  });
});

describe('local directory (the bundled file) as a DirectorySource', () => {
  const local = localDirectory(join(__dirname, '../../data/sample/directory.json'));
  test('finds by UPN or mail and by whole display name, case-insensitively; partial names do not match', async () => {
    expect((await local.findByUpn('Diego.Siciliani@CONTOSO.com')).map((p) => p.displayName)).toEqual(['Diego Siciliani']);
    expect(await local.findByUpn('nobody@contoso.com')).toEqual([]);
    expect((await local.findByDisplayName('diego siciliani')).map((p) => p.id)).toEqual(['e9a1c3b5-7d2f-4f6a-8b0c-2d4e6f8a0b1c']);
    expect((await local.findByDisplayName('SP-CONTOSO-APIM-CONFIG-BACKUP')).map((p) => p.kind)).toEqual(['servicePrincipal']);
    expect(await local.findByDisplayName('Diego')).toEqual([]);
  });
  test('names applications by appId', async () => {
    expect(await local.applicationsByAppId(['A3C5E7F9-1B2D-4F6A-8C0E-2B4D6F8A0C1E', '04b07795-8ddb-461a-bbee-02f9e1bf7b46'])).toEqual([
      { appId: 'a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e', displayName: 'sp-contoso-apim-config-backup' },
    ]);
  });
  test('through CachedDirectory: a name with namesakes in the file comes back with all of them', async () => {
    const d = new CachedDirectory(
      { ...local, findByDisplayName: async (name) => [...(await local.findByDisplayName(name)), ...(await local.findByDisplayName('Megan Bowen'))] },
      { ttlMs: 60_000, now: () => new Date(), log: silentLogger },
    );
    const r = await d.find({ kind: 'name', name: 'Alex Wilber' });
    expect(r.kind === 'found' ? r.principals.map((p) => p.displayName) : r).toEqual(['Alex Wilber', 'Megan Bowen']);
  });
});
