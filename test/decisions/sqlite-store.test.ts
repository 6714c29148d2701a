import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteDecisionStore } from '../../src/decisions/sqlite-store';
import { RESULT_SET_TTL_MS, type Installation } from '../../src/decisions/store';
import type { Extraction } from '../../src/hunting/extraction';
import { MIGRATIONS } from '../../src/decisions/sqlite-migrations';

const extraction = (id: string, extra: Partial<Extraction> = {}): Extraction => ({
  id,
  time: new Date('2024-07-30T10:00:00.123Z'),
  operation: 'Microsoft.ApiManagement/service/tenant/listSecrets/action',
  principalId: '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f',
  application: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', label: 'Azure portal', firstParty: true },
  service: 'apim-contoso-prod',
  outcome: 'succeeded',
  ...extra,
});
const alex = { id: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b', name: 'Alex Wilber' };
const megan = { id: 'b4d2f6a8-3c5e-47a9-b1d3-e5f7a9c1b3d5', name: 'Megan Bowen' };
const T1 = new Date('2024-08-01T09:00:00Z');

function tempDb(): string {
  return join(mkdtempSync(join(tmpdir(), 'sw-store-')), 'nested', 'secretwatch.db');
}

describe('SqliteDecisionStore', () => {
  test('creates the file (and folders) on first run, in WAL mode, at the latest schema version', async () => {
    const path = tempDb();
    const store = new SqliteDecisionStore(path);
    await store.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  test('remembers extractions as pending and round-trips them', async () => {
    const store = new SqliteDecisionStore(tempDb());
    const e = extraction('r1', { clientIp: '203.0.113.24', anonymousProxy: false });
    await store.recordSeen([e], T1);
    const states = await store.states(['r1', 'missing']);
    expect(states.size).toBe(1);
    expect(states.get('r1')).toEqual({ extraction: e, status: 'pending', version: 0 });
    await store.close();
  });

  test('decide: first click decides, the second changes nothing, unknown ids are a value', async () => {
    const store = new SqliteDecisionStore(tempDb());
    await store.recordSeen([extraction('r1')], T1);
    const first = await store.decide('r1', 'approve', alex, T1);
    expect(first).toMatchObject({ kind: 'decided', state: { status: 'approved', decision: { verb: 'approve', actor: alex, decidedAt: T1 } } });
    const second = await store.decide('r1', 'escalate', megan, new Date(T1.getTime() + 1000));
    expect(second).toMatchObject({ kind: 'already-decided', state: { status: 'approved', decision: { actor: alex } } });
    expect(await store.decide('nope', 'approve', alex, T1)).toEqual({ kind: 'unknown-extraction' });
    await store.close();
  });

  test('history lists every decision record, oldest first; none for an undecided or unknown id', async () => {
    const store = new SqliteDecisionStore(tempDb());
    await store.recordSeen([extraction('r1'), extraction('r2')], T1);
    await store.decide('r1', 'escalate', megan, T1);
    await store.decide('r1', 'approve', alex, new Date(T1.getTime() + 1000)); // already decided: no record
    expect(await store.history('r1')).toEqual([{ extractionId: 'r1', verb: 'escalate', status: 'escalated', actor: megan, decidedAt: T1 }]);
    expect(await store.history('r2')).toEqual([]);
    expect(await store.history('nope')).toEqual([]);
    await store.close();
  });

  test('seeing an extraction again keeps its decision', async () => {
    const store = new SqliteDecisionStore(tempDb());
    await store.recordSeen([extraction('r1')], T1);
    await store.decide('r1', 'escalate', megan, T1);
    await store.recordSeen([extraction('r1', { city: 'Redmond' })], new Date(T1.getTime() + 60_000));
    const state = (await store.states(['r1'])).get('r1');
    expect(state?.status).toBe('escalated');
    expect(state?.extraction.city).toBe('Redmond');
    await store.close();
  });

  test('decisions survive a restart (a new store on the same file)', async () => {
    const path = tempDb();
    const a = new SqliteDecisionStore(path);
    await a.recordSeen([extraction('r1')], T1);
    await a.decide('r1', 'approve', alex, T1);
    await a.close();
    const b = new SqliteDecisionStore(path);
    expect((await b.states(['r1'])).get('r1')?.decision?.actor).toEqual(alex);
    await b.close();
  });

  test('conflicting clicks from two connections: exactly one decision is recorded', async () => {
    const path = tempDb();
    const a = new SqliteDecisionStore(path);
    const b = new SqliteDecisionStore(path);
    await a.recordSeen([extraction('r1')], T1);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).decide('r1', i % 3 === 0 ? 'escalate' : 'approve', i % 2 === 0 ? alex : megan, T1)),
    );
    expect(outcomes.filter((o) => o.kind === 'decided')).toHaveLength(1);
    const winner = outcomes.find((o) => o.kind === 'decided');
    for (const o of outcomes) if (o.kind !== 'unknown-extraction' && winner?.kind === 'decided') expect(o.state.status).toBe(winner.state.status);
    await a.close();
    await b.close();
    const db = new Database(path, { readonly: true });
    expect(db.prepare('SELECT COUNT(*) AS n FROM decisions').get()).toEqual({ n: 1 });
    db.close();
  });

  test('the decision history is append-only', async () => {
    const path = tempDb();
    const store = new SqliteDecisionStore(path);
    await store.recordSeen([extraction('r1')], T1);
    await store.decide('r1', 'approve', alex, T1);
    await store.close();
    const db = new Database(path);
    expect(() => db.prepare("UPDATE decisions SET actor_name = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM decisions').run()).toThrow(/append-only/);
    db.close();
  });

  test('result sets keep their order, belong to one conversation and expire', async () => {
    const store = new SqliteDecisionStore(tempDb());
    const set = { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', createdAt: T1, label: 'last 7 days', sample: true, conversationId: 'conv-a', pageSize: 10, extractionIds: ['c', 'a', 'b'] };
    await store.saveResultSet(set);
    expect(await store.resultSet(set.id, 'conv-a', T1)).toEqual(set);
    expect(await store.resultSet(set.id, 'conv-b', T1)).toBeUndefined();
    expect(await store.resultSet('other', 'conv-a', T1)).toBeUndefined();
    const later = new Date(T1.getTime() + RESULT_SET_TTL_MS + 1000);
    expect(await store.resultSet(set.id, 'conv-a', later)).toBeUndefined();
    // Saving a new set deletes expired ones.
    await store.saveResultSet({ ...set, id: '3f2504e0-4f89-41d3-9a0c-0305e82c3302', createdAt: later });
    expect(await store.claimPage(set.id, 2)).toBe(false);
    await store.close();
  });

  test('each page is claimed exactly once, in order, even under concurrent clicks', async () => {
    const store = new SqliteDecisionStore(tempDb());
    const set = { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3303', createdAt: T1, label: 'x', sample: false, conversationId: 'c', pageSize: 10, extractionIds: ['a'] };
    await store.saveResultSet(set);
    expect(await store.claimPage(set.id, 3)).toBe(false); // page 2 first
    const claims = await Promise.all(Array.from({ length: 10 }, () => store.claimPage(set.id, 2)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await store.claimPage(set.id, 3)).toBe(true);
    await store.close();
  });

  test('migrates a version-1 database to the latest schema, keeping its data', async () => {
    const path = tempDb();
    const store = new SqliteDecisionStore(path);
    await store.recordSeen([extraction('r1')], T1);
    await store.decide('r1', 'approve', alex, T1);
    await store.close();
    // Rebuild the version-1 shape of result_sets and step the version back.
    const db = new Database(path);
    db.exec(`DROP TABLE result_sets; CREATE TABLE result_sets (id TEXT PRIMARY KEY, created_at TEXT NOT NULL, label TEXT NOT NULL, sample INTEGER NOT NULL, extraction_ids TEXT NOT NULL); ALTER TABLE decisions DROP COLUMN role; ALTER TABLE decisions DROP COLUMN comment; DROP TABLE postings; DROP TABLE settings; DROP TABLE users; DROP TABLE installations;`);
    db.pragma('user_version = 1');
    db.close();
    const reopened = new SqliteDecisionStore(path);
    expect((await reopened.states(['r1'])).get('r1')?.status).toBe('approved');
    const set = { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3304', createdAt: T1, label: 'x', sample: false, conversationId: 'c', pageSize: 10, extractionIds: ['r1'] };
    await reopened.saveResultSet(set);
    expect(await reopened.resultSet(set.id, 'c', T1)).toEqual(set);
    await reopened.close();
  });

  test('refuses a database from a newer SecretWatch', () => {
    const path = tempDb();
    new SqliteDecisionStore(path).close();
    const db = new Database(path);
    db.pragma('user_version = 99');
    db.close();
    expect(() => new SqliteDecisionStore(path)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringMatching(/newer/) }));
  });

  test('an unusable path is a coded error naming the path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sw-store-'));
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const path = join(blocker, 'secretwatch.db');
    expect(() => new SqliteDecisionStore(path)).toThrow(expect.objectContaining({ code: 'STORE_FAILED', message: expect.stringContaining(path) }));
  });
});

describe('SqliteDecisionStore installations', () => {
  const alex = { id: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b', name: 'Alex Wilber' };
  const at = new Date('2026-12-03T10:00:00Z');
  const place = (conversationId: string, teamId?: string): Installation => ({
    conversationId,
    scope: teamId === undefined ? 'personal' : 'team',
    ...(teamId !== undefined && { teamId }),
    reference: JSON.stringify({ conversation: { id: conversationId } }),
    installedBy: alex,
    installedAt: at,
  });

  test('remembers once (true only the first time), lists, and survives a reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'sw-inst-')), 'db.sqlite');
    const store = new SqliteDecisionStore(path);
    expect(await store.rememberInstallation(place('a:chat'))).toBe(true);
    expect(await store.rememberInstallation(place('a:chat'))).toBe(false);
    await store.close();
    const again = new SqliteDecisionStore(path);
    expect(await again.installations()).toEqual([place('a:chat')]);
    await again.close();
  });

  test("a team's removal forgets its channels' threads, postings and an escalation target in any of its channels, and nothing else", async () => {
    const store = new SqliteDecisionStore(join(mkdtempSync(join(tmpdir(), 'sw-inst-')), 'db.sqlite'));
    const team = '19:team@thread.tacv2';
    await store.rememberInstallation(place(team, team));
    await store.rememberInstallation(place('a:other-chat'));
    await store.recordPosting({ extractionId: 'r1', conversationId: `${team};messageid=1`, activityId: 'm1', reference: '{}', postedAt: at });
    await store.recordPosting({ extractionId: 'r1', conversationId: 'a:other-chat', activityId: 'm2', reference: '{}', postedAt: at });
    // A LIKE wildcard in an id must not widen the match.
    await store.recordPosting({ extractionId: 'r1', conversationId: '19:team@thread_tacv2;messageid=9', activityId: 'm3', reference: '{}', postedAt: at });
    await store.setEscalationTarget({ conversationId: '19:soc@thread.tacv2;messageid=5', reference: '{}', setBy: alex, setAt: at, teamId: team });
    expect(await store.forgetInstallation({ conversationId: team, teamId: team })).toEqual({ installations: 1, postings: 1, escalationTarget: true });
    expect((await store.installations()).map((i) => i.conversationId)).toEqual(['a:other-chat']);
    expect((await store.postings('r1')).map((p) => p.activityId)).toEqual(['m2', 'm3']);
    expect(await store.escalationTarget()).toBeUndefined();
    await store.close();
  });
});
