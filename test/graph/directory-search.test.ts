import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CachedDirectory } from '../../src/directory/cached-directory';
import { createGraphPoster } from '../../src/graph/client';
import { graphDirectory } from '../../src/graph/directory-objects';
import { silentLogger } from '../../src/log';
import { resolvePrincipal } from '../../src/usecases/resolve-principal';
import { startDirectoryGraph, type DirectoryGraphStandIn, type DirectoryObject } from '../support/fake-directory-graph';

const sample = (JSON.parse(readFileSync(join(__dirname, '../../data/sample/directory.json'), 'utf8')) as { value: DirectoryObject[] }).value;
const user = (id: string, displayName: string, upn: string): DirectoryObject => ({ '@odata.type': '#microsoft.graph.user', id, displayName, userPrincipalName: upn });
const sp = (id: string, displayName: string, appId: string): DirectoryObject => ({ '@odata.type': '#microsoft.graph.servicePrincipal', id, displayName, appId });
const OBRIEN = user('c0b71e00-0000-4000-8000-000000000001', "Conor O'Brien", "conor.o'brien@contoso.com");
const ZOE = user('c0b71e00-0000-4000-8000-000000000002', 'Zoë & Co #1 + 50%', '$zoe@contoso.com');
// A namesake: a second Megan Bowen, and a service principal called "Megan Bowen".
const MEGAN_2 = user('c0b71e00-0000-4000-8000-000000000003', 'megan bowen', 'megan.bowen2@contoso.com');
const MEGAN_SP = sp('c0b71e00-0000-4000-8000-000000000004', 'Megan Bowen', 'c0b71e00-0000-4000-8000-0000000000a4');
const APPS = Array.from({ length: 20 }, (_, i) => sp(`d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`, `app-${i}`, `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`));

const USER_SELECT = '$select=id,displayName,userPrincipalName,jobTitle,department';
const SP_SELECT = '$select=id,displayName,appId';

describe('directory searches over a Graph stand-in (GET /users, /servicePrincipals)', () => {
  let graph: DirectoryGraphStandIn;
  let clock = new Date('2026-12-03T10:00:00Z');
  beforeAll(async () => {
    graph = await startDirectoryGraph([...sample, OBRIEN, ZOE, MEGAN_2, MEGAN_SP, ...APPS]);
  });
  afterAll(async () => {
    await graph.close();
  });
  beforeEach(() => {
    graph.requests.length = 0;
    graph.heal();
  });

  const directory = (ttlMs = 3_600_000): CachedDirectory => {
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    return new CachedDirectory(graphDirectory(createGraphPoster({ credential, baseUrl: graph.url })), { ttlMs, now: () => clock, log: silentLogger });
  };
  const paths = (): string[] => graph.requests.map((r) => `${r.method} ${r.path}`);

  test('by UPN: GET /users/{upn} with the fields cards need; the user is resolved', async () => {
    const r = await resolvePrincipal(directory(), { kind: 'upn', upn: 'Adele.Vance@contoso.com' });
    expect(paths()).toEqual([`GET /v1.0/users/Adele.Vance%40contoso.com?${USER_SELECT}`]);
    expect(r).toEqual({
      kind: 'resolved',
      id: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f',
      principal: { kind: 'user', id: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f', displayName: 'Adele Vance', userPrincipalName: 'adele.vance@contoso.com', jobTitle: 'Platform Engineer', department: 'Platform' },
    });
  });

  test("by UPN: a quote is percent-encoded; a UPN starting with $ is addressed as /users('…')", async () => {
    const d = directory();
    expect(await resolvePrincipal(d, { kind: 'upn', upn: "conor.o'brien@contoso.com" })).toMatchObject({ kind: 'resolved', id: OBRIEN.id });
    expect(await resolvePrincipal(d, { kind: 'upn', upn: '$zoe@contoso.com' })).toMatchObject({ kind: 'resolved', id: ZOE.id });
    expect(paths()).toEqual([`GET /v1.0/users/conor.o%27brien%40contoso.com?${USER_SELECT}`, `GET /v1.0/users('%24zoe%40contoso.com')?${USER_SELECT}`]);
  });

  test('by UPN: 404 is "not found", not a failure', async () => {
    expect(await resolvePrincipal(directory(), { kind: 'upn', upn: 'nobody@contoso.com' })).toEqual({ kind: 'not-found' });
  });

  test("by name: users and service principals with displayName eq '…', the literal's quote doubled and the whole value URL-encoded", async () => {
    const r = await resolvePrincipal(directory(), { kind: 'name', name: "Conor O'Brien" });
    expect(r).toMatchObject({ kind: 'resolved', id: OBRIEN.id, principal: { displayName: "Conor O'Brien" } });
    const filter = '$filter=displayName%20eq%20%27Conor%20O%27%27Brien%27';
    expect(paths().sort()).toEqual([`GET /v1.0/servicePrincipals?${filter}&${SP_SELECT}`, `GET /v1.0/users?${filter}&${USER_SELECT}`]);
  });

  test('by name: &, #, +, % and non-ASCII travel inside the value', async () => {
    expect(await resolvePrincipal(directory(), { kind: 'name', name: 'zoë & co #1 + 50%' })).toMatchObject({ kind: 'resolved', id: ZOE.id });
    expect(graph.requests[0]?.path).toContain('$filter=displayName%20eq%20%27zo%C3%AB%20%26%20co%20%231%20%2B%2050%25%27&');
  });

  test('by name: a service principal is found too', async () => {
    expect(await resolvePrincipal(directory(), { kind: 'name', name: 'sp-contoso-apim-config-backup' })).toMatchObject({
      kind: 'resolved',
      principal: { kind: 'servicePrincipal', appId: 'a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e' },
    });
  });

  test('by name: namesakes (any case, users and service principals) are ambiguous', async () => {
    const r = await resolvePrincipal(directory(), { kind: 'name', name: 'Megan Bowen' });
    expect(r.kind).toBe('ambiguous');
    if (r.kind !== 'ambiguous') return;
    expect(r.total).toBe(3);
    expect(r.candidates.map((c) => c.id).sort()).toEqual(['b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5', MEGAN_2.id, MEGAN_SP.id].sort());
  });

  test('by name: nobody is "not found"', async () => {
    expect(await resolvePrincipal(directory(), { kind: 'name', name: 'Nobody Here' })).toEqual({ kind: 'not-found' });
  });

  test.each([
    ['/v1.0/users?', '{}', 'application/json'],
    ['/v1.0/servicePrincipals', '<html>proxy sign-in</html>', 'text/html'],
    ['/v1.0/users/', '{"error":null}', 'application/json'],
  ])('a 200 without a readable answer on %s is a failed lookup (DIRECTORY_UNAVAILABLE), not "nobody", and is not cached', async (prefix, body, type) => {
    const d = directory();
    graph.garble(prefix, body, type);
    const query = prefix === '/v1.0/users/' ? { kind: 'upn' as const, upn: 'adele.vance@contoso.com' } : { kind: 'name' as const, name: 'Adele Vance' };
    expect(await d.find(query)).toEqual({ kind: 'failed' });
    graph.heal();
    const after = await d.find(query);
    expect(after.kind === 'found' ? after.principals.map((p) => p.displayName) : after).toEqual(['Adele Vance']);
  });

  test('403 on either half is a failed lookup (a hidden namesake must not look resolved), and is not cached', async () => {
    const d = directory();
    graph.fail('/v1.0/servicePrincipals', 403);
    expect(await resolvePrincipal(d, { kind: 'name', name: 'Adele Vance' })).toEqual({ kind: 'lookup-failed' });
    graph.fail('/v1.0/users', 403);
    expect(await resolvePrincipal(d, { kind: 'upn', upn: 'adele.vance@contoso.com' })).toEqual({ kind: 'lookup-failed' });
    graph.heal();
    graph.requests.length = 0;
    expect(await resolvePrincipal(d, { kind: 'name', name: 'Adele Vance' })).toMatchObject({ kind: 'resolved' });
    expect(graph.requests).toHaveLength(2);
  });

  test('answers are cached briefly (a minute), case-insensitively; a found principal also names its extractions without getByIds', async () => {
    const d = directory();
    await d.find({ kind: 'name', name: 'Adele Vance' });
    await d.find({ kind: 'name', name: 'ADELE VANCE' });
    await d.find({ kind: 'upn', upn: 'nobody@contoso.com' });
    await d.find({ kind: 'upn', upn: 'NOBODY@contoso.com' });
    expect(graph.requests).toHaveLength(3);
    const named = await d.resolve(['2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f']);
    expect(named.principals.get('2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f')?.displayName).toBe('Adele Vance');
    expect(graph.requests).toHaveLength(3);
    clock = new Date(clock.getTime() + 61_000);
    await d.find({ kind: 'name', name: 'Adele Vance' });
    expect(graph.requests).toHaveLength(5);
  });

  test('application names: appId in (…) 15 at a time, only GUIDs sent, cached like principals', async () => {
    const d = directory();
    const ids = [...APPS.map((a) => String(a['appId']).toUpperCase()), 'not-a-guid', "a'); drop"];
    const first = await d.applicationNames(ids);
    expect(first.failed).toBe(false);
    expect(first.names.size).toBe(20);
    expect(first.names.get('a0000000-0000-4000-8000-000000000019')).toBe('app-19');
    const list = (from: number, to: number): string => APPS.slice(from, to).map((a) => `%27${String(a['appId'])}%27`).join('%2C');
    expect(paths()).toEqual([
      `GET /v1.0/servicePrincipals?$filter=appId%20in%20%28${list(0, 15)}%29&$select=appId,displayName`,
      `GET /v1.0/servicePrincipals?$filter=appId%20in%20%28${list(15, 20)}%29&$select=appId,displayName`,
    ]);
    graph.requests.length = 0;
    const again = await d.applicationNames(ids.slice(0, 3));
    expect(again.names.size).toBe(3);
    expect(graph.requests).toHaveLength(0);
  });

  test('application names: a 403 degrades to no names with failed=true, never a throw', async () => {
    graph.fail('/v1.0/servicePrincipals', 403);
    const r = await directory().applicationNames(['a3c5e7f9-1b2d-4f6a-8c0e-2b4d6f8a0c1e']);
    expect(r).toEqual({ names: new Map(), failed: true });
  });
});
