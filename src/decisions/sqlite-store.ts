import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { AppError, ErrorCode } from '../errors';
import { decodeExtraction, encodeExtraction } from '../hunting/extraction-codec';
import type { Extraction } from '../hunting/extraction';
import { FROM_STATUS_OF_VERB, STATUS_OF_VERB, type Actor, type Role, type DecideOutcome, type DecisionRecord, type DecisionStatus, type DecisionVerb, type ExtractionState } from './decision';
import { RESULT_SET_TTL_MS, type DecisionDetails, type DecisionStore, type EscalationTarget, type Installation, type Posting, type ResultSet } from './store';
import { MIGRATIONS } from './sqlite-migrations';

interface ExtractionRow {
  id: string;
  payload: string;
  status: DecisionStatus;
  version: number;
  verb: DecisionVerb | null;
  actor_id: string | null;
  actor_name: string | null;
  decided_at: string | null;
  role: Role | null;
  comment: string | null;
}

/** The embedded default store: one SQLite file, WAL, schema versioned by PRAGMA user_version. */
export class SqliteDecisionStore implements DecisionStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.db = new Database(path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = NORMAL');
      this.db.pragma('busy_timeout = 5000');
      this.db.pragma('foreign_keys = ON');
      migrate(this.db);
    } catch (e) {
      throw new AppError(ErrorCode.StoreFailed, `Cannot open the decision database at ${path}: ${(e as Error).message}`, {
        hint: 'Check DATABASE_PATH points to a writable location.',
        cause: e,
      });
    }
  }

  recordSeen(extractions: readonly Extraction[], seenAt: Date): Promise<void> {
    const upsert = this.db.prepare(
      `INSERT INTO extractions (id, payload, first_seen, last_seen) VALUES (?, ?, ?, ?)
       ON CONFLICT(id) DO UPDATE SET payload = excluded.payload, last_seen = excluded.last_seen`,
    );
    const at = seenAt.toISOString();
    this.db.transaction(() => {
      for (const e of extractions) upsert.run(e.id, encodeExtraction(e), at, at);
    })();
    return Promise.resolve();
  }

  states(ids: readonly string[]): Promise<Map<string, ExtractionState>> {
    const result = new Map<string, ExtractionState>();
    const select = this.db.prepare(`${STATE_SELECT} WHERE e.id = ?`);
    for (const id of new Set(ids)) {
      const row = select.get(id) as ExtractionRow | undefined;
      if (row !== undefined) result.set(id, toState(row));
    }
    return Promise.resolve(result);
  }

  decide(extractionId: string, verb: DecisionVerb, actor: Actor, at: Date, details: DecisionDetails = {}): Promise<DecideOutcome> {
    const status = STATUS_OF_VERB[verb];
    const from = FROM_STATUS_OF_VERB[verb];
    const outcome = this.db.transaction((): DecideOutcome => {
      // Conditional write on the status the verb changes from: the loser of a race, or a stale
      // card, changes nothing and sees the winner's state.
      const changed =
        details.seenVersion === undefined
          ? this.db.prepare(`UPDATE extractions SET status = ?, version = version + 1 WHERE id = ? AND status = ?`).run(status, extractionId, from).changes
          : this.db
              .prepare(`UPDATE extractions SET status = ?, version = version + 1 WHERE id = ? AND status = ? AND version = ?`)
              .run(status, extractionId, from, details.seenVersion).changes;
      if (changed === 1) {
        this.db
          .prepare(`INSERT INTO decisions (extraction_id, verb, status, actor_id, actor_name, decided_at, role, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
          .run(extractionId, verb, status, actor.id, actor.name, at.toISOString(), details.role ?? null, details.comment ?? '');
      }
      const row = this.db.prepare(`${STATE_SELECT} WHERE e.id = ?`).get(extractionId) as ExtractionRow | undefined;
      if (row === undefined) return { kind: 'unknown-extraction' };
      return { kind: changed === 1 ? 'decided' : 'already-decided', state: toState(row) };
    }).immediate();
    return Promise.resolve(outcome);
  }

  rememberUser(objectId: string, teamsId: string, at: Date): Promise<void> {
    this.db.prepare(`INSERT OR REPLACE INTO users (object_id, teams_id, seen_at) VALUES (?, ?, ?)`).run(objectId.toLowerCase(), teamsId, at.toISOString());
    return Promise.resolve();
  }

  teamsIds(objectIds: readonly string[]): Promise<Map<string, string>> {
    const select = this.db.prepare(`SELECT teams_id FROM users WHERE object_id = ?`);
    const out = new Map<string, string>();
    for (const id of new Set(objectIds.map((o) => o.toLowerCase()))) {
      const row = select.get(id) as { teams_id: string } | undefined;
      if (row !== undefined) out.set(id, row.teams_id);
    }
    return Promise.resolve(out);
  }

  setEscalationTarget(t: EscalationTarget): Promise<void> {
    this.db
      .prepare(`INSERT OR REPLACE INTO settings (key, value, updated_by, updated_at) VALUES ('escalation_target', ?, ?, ?)`)
      .run(JSON.stringify({ conversationId: t.conversationId, reference: t.reference, setBy: t.setBy, ...(t.teamId !== undefined && { teamId: t.teamId }) }), t.setBy.id, t.setAt.toISOString());
    return Promise.resolve();
  }

  escalationTarget(): Promise<EscalationTarget | undefined> {
    const row = this.db.prepare(`SELECT value, updated_at FROM settings WHERE key = 'escalation_target'`).get() as { value: string; updated_at: string } | undefined;
    if (row === undefined) return Promise.resolve(undefined);
    const v = JSON.parse(row.value) as { conversationId: string; reference: string; setBy: Actor; teamId?: string };
    return Promise.resolve({ ...v, setAt: new Date(row.updated_at) });
  }

  rememberInstallation(i: Installation): Promise<boolean> {
    const known = this.db.prepare(`SELECT 1 FROM installations WHERE conversation_id = ?`).get(i.conversationId) !== undefined;
    this.db
      .prepare(`INSERT OR REPLACE INTO installations (conversation_id, scope, team_id, reference, installed_by, installed_at) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(i.conversationId, i.scope, i.teamId ?? null, i.reference, i.installedBy === undefined ? null : JSON.stringify(i.installedBy), i.installedAt.toISOString());
    return Promise.resolve(!known);
  }

  forgetInstallation(where: { conversationId: string; teamId?: string }): Promise<{ installations: number; postings: number; escalationTarget: boolean }> {
    const base = baseConversationId(where.conversationId);
    return Promise.resolve(
      this.db.transaction(() => {
        // A channel thread's id is the channel's id + ";messageid=…": the whole channel goes.
        const like = `${base.replace(/[\\%_]/g, (c) => `\\${c}`)};%`;
        const installations = this.db
          .prepare(`DELETE FROM installations WHERE conversation_id = ? OR conversation_id LIKE ? ESCAPE '\\' OR (? IS NOT NULL AND team_id = ?)`)
          .run(base, like, where.teamId ?? null, where.teamId ?? null).changes;
        const postings = this.db
          .prepare(`DELETE FROM postings WHERE conversation_id = ? OR conversation_id LIKE ? ESCAPE '\\' OR (? IS NOT NULL AND team_id = ?)`)
          .run(base, like, where.teamId ?? null, where.teamId ?? null).changes;
        const target = this.db.prepare(`SELECT value FROM settings WHERE key = 'escalation_target'`).get() as { value: string } | undefined;
        const t = target === undefined ? undefined : (JSON.parse(target.value) as { conversationId: string; teamId?: string });
        const escalationTarget = t !== undefined && (baseConversationId(t.conversationId) === base || (where.teamId !== undefined && t.teamId === where.teamId));
        if (escalationTarget) this.db.prepare(`DELETE FROM settings WHERE key = 'escalation_target'`).run();
        return { installations, postings, escalationTarget };
      })(),
    );
  }

  installations(): Promise<Installation[]> {
    const rows = this.db.prepare(`SELECT * FROM installations ORDER BY installed_at`).all() as Array<{
      conversation_id: string;
      scope: Installation['scope'];
      team_id: string | null;
      reference: string;
      installed_by: string | null;
      installed_at: string;
    }>;
    return Promise.resolve(
      rows.map((r) => ({
        conversationId: r.conversation_id,
        scope: r.scope,
        ...(r.team_id !== null && { teamId: r.team_id }),
        reference: r.reference,
        ...(r.installed_by !== null && { installedBy: JSON.parse(r.installed_by) as Actor }),
        installedAt: new Date(r.installed_at),
      })),
    );
  }

  recordPosting(p: Posting): Promise<void> {
    this.db
      .prepare(`INSERT OR REPLACE INTO postings (extraction_id, conversation_id, activity_id, reference, posted_at, team_id) VALUES (?, ?, ?, ?, ?, ?)`)
      .run(p.extractionId, p.conversationId, p.activityId, p.reference, p.postedAt.toISOString(), p.teamId ?? null);
    return Promise.resolve();
  }

  forgetPosting(conversationId: string, activityId: string): Promise<void> {
    this.db.prepare(`DELETE FROM postings WHERE conversation_id = ? AND activity_id = ?`).run(conversationId, activityId);
    return Promise.resolve();
  }

  postings(extractionId: string): Promise<Posting[]> {
    const rows = this.db
      .prepare(`SELECT extraction_id, conversation_id, activity_id, reference, posted_at, team_id FROM postings WHERE extraction_id = ? ORDER BY posted_at`)
      .all(extractionId) as Array<{ extraction_id: string; conversation_id: string; activity_id: string; reference: string; posted_at: string; team_id: string | null }>;
    return Promise.resolve(
      rows.map((r) => ({
        extractionId: r.extraction_id,
        conversationId: r.conversation_id,
        activityId: r.activity_id,
        reference: r.reference,
        postedAt: new Date(r.posted_at),
        ...(r.team_id !== null && { teamId: r.team_id }),
      })),
    );
  }

  decisionsSince(since: Date): Promise<Array<{ record: DecisionRecord; extraction: Extraction }>> {
    const rows = this.db
      .prepare(
        `SELECT d.extraction_id, d.verb, d.actor_id, d.actor_name, d.decided_at, d.role, d.comment, e.payload
         FROM decisions d JOIN extractions e ON e.id = d.extraction_id WHERE d.decided_at >= ? ORDER BY d.seq`,
      )
      .all(since.toISOString()) as Array<{ extraction_id: string; verb: DecisionVerb; actor_id: string; actor_name: string; decided_at: string; role: Role | null; comment: string; payload: string }>;
    return Promise.resolve(rows.map((r) => ({ record: toRecord(r), extraction: decodeExtraction(r.payload) })));
  }

  history(extractionId: string): Promise<DecisionRecord[]> {
    const rows = this.db
      .prepare(`SELECT extraction_id, verb, actor_id, actor_name, decided_at, role, comment FROM decisions WHERE extraction_id = ? ORDER BY seq`)
      .all(extractionId) as Array<{ extraction_id: string; verb: DecisionVerb; actor_id: string; actor_name: string; decided_at: string; role: Role | null; comment: string }>;
    return Promise.resolve(rows.map(toRecord));
  }

  saveResultSet(set: ResultSet): Promise<void> {
    const expiredBefore = new Date(set.createdAt.getTime() - RESULT_SET_TTL_MS).toISOString();
    this.db.transaction(() => {
      this.db.prepare(`DELETE FROM result_sets WHERE created_at < ?`).run(expiredBefore);
      this.db
        .prepare(`INSERT INTO result_sets (id, created_at, label, sample, conversation_id, page_size, extraction_ids) VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(set.id, set.createdAt.toISOString(), set.label, set.sample ? 1 : 0, set.conversationId, set.pageSize, JSON.stringify(set.extractionIds));
    })();
    return Promise.resolve();
  }

  resultSet(id: string, conversationId: string, now: Date): Promise<ResultSet | undefined> {
    const row = this.db
      .prepare(`SELECT * FROM result_sets WHERE id = ? AND conversation_id = ? AND created_at >= ?`)
      .get(id, conversationId, new Date(now.getTime() - RESULT_SET_TTL_MS).toISOString()) as
      | { id: string; created_at: string; label: string; sample: number; conversation_id: string; page_size: number; extraction_ids: string }
      | undefined;
    return Promise.resolve(
      row === undefined
        ? undefined
        : {
            id: row.id,
            createdAt: new Date(row.created_at),
            label: row.label,
            sample: row.sample === 1,
            conversationId: row.conversation_id,
            pageSize: row.page_size,
            extractionIds: JSON.parse(row.extraction_ids) as string[],
          },
    );
  }

  claimPage(id: string, page: number): Promise<boolean> {
    const changes = this.db.prepare(`UPDATE result_sets SET pages_shown = ? WHERE id = ? AND pages_shown = ?`).run(page, id, page - 1).changes;
    return Promise.resolve(changes === 1);
  }

  close(): Promise<void> {
    if (this.db.open) this.db.close();
    return Promise.resolve();
  }
}

/** Current state plus the latest decision (the one that set it). */
const STATE_SELECT = `
  SELECT e.id, e.payload, e.status, e.version, d.verb, d.actor_id, d.actor_name, d.decided_at, d.role, d.comment
  FROM extractions e
  LEFT JOIN decisions d ON d.seq = (SELECT MAX(seq) FROM decisions WHERE extraction_id = e.id)`;

function toRecord(r: { extraction_id: string; verb: DecisionVerb; actor_id: string; actor_name: string; decided_at: string; role: Role | null; comment: string }): DecisionRecord {
  return {
    extractionId: r.extraction_id,
    verb: r.verb,
    status: STATUS_OF_VERB[r.verb],
    actor: { id: r.actor_id, name: r.actor_name },
    decidedAt: new Date(r.decided_at),
    ...(r.role !== null && { role: r.role }),
    ...(r.comment !== '' && { comment: r.comment }),
  };
}

function toState(row: ExtractionRow): ExtractionState {
  const extraction = decodeExtraction(row.payload);
  if (row.verb === null || row.status === 'pending') return { extraction, status: row.status, version: row.version };
  const decision: DecisionRecord = {
    extractionId: row.id,
    verb: row.verb,
    status: STATUS_OF_VERB[row.verb],
    actor: { id: row.actor_id ?? '', name: row.actor_name ?? '' },
    decidedAt: new Date(row.decided_at ?? 0),
    ...(row.role !== null && { role: row.role }),
    ...(row.comment !== null && row.comment !== '' && { comment: row.comment }),
  };
  return { extraction, status: row.status, decision, version: row.version };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(`database schema version ${current} is newer than this SecretWatch (${MIGRATIONS.length}); upgrade SecretWatch`);
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[version] ?? '');
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/** "19:…@thread.tacv2;messageid=123" → "19:…@thread.tacv2": a channel, whichever thread. */
export function baseConversationId(id: string): string {
  return id.split(';')[0] ?? id;
}
