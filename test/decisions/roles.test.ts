import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { LocalGroupMembership } from '../../src/decisions/local-groups';
import { ConfiguredAnalysts, type GroupMembership } from '../../src/decisions/roles';
import { createGraphPoster } from '../../src/graph/client';
import { GraphGroupMembership } from '../../src/graph/group-membership';
import { silentLogger } from '../../src/log';

const USER = '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b';
const MEMBER = 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5';
const GROUP = '5b0e3c2a-1d4f-4e6a-9b8c-7d6e5f4a3b2c';

class CountingMembership implements GroupMembership {
  calls = 0;
  fail = false;
  constructor(private readonly members: Record<string, string[]>) {}
  memberGroups(objectId: string, groupIds: readonly string[]): Promise<string[]> {
    this.calls++;
    if (this.fail) return Promise.reject(new Error('graph down'));
    return Promise.resolve(groupIds.filter((g) => this.members[g]?.includes(objectId) === true));
  }
}

describe('ConfiguredAnalysts', () => {
  let clock = 0;
  const now = (): Date => new Date(clock);

  test('a listed user is an analyst without any lookup; a group member after one cached lookup', async () => {
    const groups = new CountingMembership({ [GROUP]: [MEMBER] });
    const analysts = new ConfiguredAnalysts(new Set([USER, GROUP]), groups, { ttlMs: 60_000, now, log: silentLogger });
    expect(await analysts.isAnalyst(USER.toUpperCase())).toBe(true);
    expect(groups.calls).toBe(0);
    expect(await analysts.isAnalyst(MEMBER)).toBe(true);
    expect(await analysts.isAnalyst(MEMBER)).toBe(true);
    expect(groups.calls).toBe(1);
    expect(await analysts.isAnalyst('00000000-0000-4000-8000-000000000001')).toBe(false);
    clock += 61_000;
    await analysts.isAnalyst(MEMBER);
    expect(groups.calls).toBe(3);
  });

  test('a failed membership check fails closed and is not cached', async () => {
    const groups = new CountingMembership({ [GROUP]: [MEMBER] });
    const analysts = new ConfiguredAnalysts(new Set([GROUP]), groups, { ttlMs: 60_000, now, log: silentLogger });
    groups.fail = true;
    expect(await analysts.isAnalyst(MEMBER)).toBe(false);
    groups.fail = false;
    expect(await analysts.isAnalyst(MEMBER)).toBe(true);
  });

  test('the bundled local groups file makes Megan Bowen an analyst through a group', async () => {
    const local = new LocalGroupMembership(join(__dirname, '../../data/sample/groups.json'));
    expect(await local.memberGroups(MEMBER, [GROUP, USER])).toEqual([GROUP]);
    expect(await local.memberGroups(USER, [GROUP])).toEqual([]);
  });
});

describe('GraphGroupMembership against a Graph stand-in', () => {
  let server: Server;
  const requests: Array<{ path: string; body: { groupIds: string[] } }> = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const parsed = JSON.parse(body) as { groupIds: string[] };
        requests.push({ path: req.url ?? '', body: parsed });
        // Answers as Graph does: the subset of groupIds the object belongs to.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ '@odata.context': 'x', value: parsed.groupIds.filter((g) => g.endsWith('7')) }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    await new Promise<void>((r) => server.close(() => r()));
  });

  test('POST /directoryObjects/{id}/checkMemberGroups in batches of 20', async () => {
    const credential = { getToken: () => Promise.resolve({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const graph = new GraphGroupMembership(createGraphPoster({ credential, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }));
    const groups = Array.from({ length: 25 }, (_, i) => `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`);
    const found = await graph.memberGroups(MEMBER, groups);
    expect(requests.map((r) => [r.path, r.body.groupIds.length])).toEqual([
      [`/v1.0/directoryObjects/${MEMBER}/checkMemberGroups`, 20],
      [`/v1.0/directoryObjects/${MEMBER}/checkMemberGroups`, 5],
    ]);
    expect(found).toEqual(groups.filter((g) => g.endsWith('7')));
  });
});
