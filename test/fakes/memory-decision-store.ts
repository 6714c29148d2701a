import { FROM_STATUS_OF_VERB, STATUS_OF_VERB, type Actor, type DecideOutcome, type DecisionRecord, type DecisionVerb, type ExtractionState } from '../../src/decisions/decision';
import { RESULT_SET_TTL_MS, type DecisionDetails, type DecisionStore, type EscalationTarget, type Installation, type Posting, type ResultSet } from '../../src/decisions/store';
import type { Extraction } from '../../src/hunting/extraction';

/** In-memory DecisionStore with the same semantics as the SQLite one, for unit tests. */
export class MemoryDecisionStore implements DecisionStore {
  readonly extractions = new Map<string, Extraction>();
  readonly records: DecisionRecord[] = [];
  readonly sets = new Map<string, ResultSet>();

  recordSeen(extractions: readonly Extraction[]): Promise<void> {
    for (const e of extractions) this.extractions.set(e.id, e);
    return Promise.resolve();
  }

  states(ids: readonly string[]): Promise<Map<string, ExtractionState>> {
    const out = new Map<string, ExtractionState>();
    for (const id of ids) {
      const s = this.state(id);
      if (s !== undefined) out.set(id, s);
    }
    return Promise.resolve(out);
  }

  decide(extractionId: string, verb: DecisionVerb, actor: Actor, at: Date, details: DecisionDetails = {}): Promise<DecideOutcome> {
    const before = this.state(extractionId);
    if (before === undefined) return Promise.resolve({ kind: 'unknown-extraction' });
    if (before.status !== FROM_STATUS_OF_VERB[verb] || (details.seenVersion !== undefined && details.seenVersion !== before.version)) {
      return Promise.resolve({ kind: 'already-decided', state: before });
    }
    this.records.push({ extractionId, verb, status: STATUS_OF_VERB[verb], actor, decidedAt: at, ...(details.role !== undefined && { role: details.role }), ...(details.comment ? { comment: details.comment } : {}) });
    const after = this.state(extractionId);
    return Promise.resolve(after === undefined ? { kind: 'unknown-extraction' } : { kind: 'decided', state: after });
  }

  readonly posted: Posting[] = [];
  target: EscalationTarget | undefined;

  readonly users = new Map<string, string>();

  rememberUser(objectId: string, teamsId: string): Promise<void> {
    this.users.set(objectId.toLowerCase(), teamsId);
    return Promise.resolve();
  }

  teamsIds(objectIds: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of objectIds) {
      const t = this.users.get(id.toLowerCase());
      if (t !== undefined) out.set(id.toLowerCase(), t);
    }
    return Promise.resolve(out);
  }

  setEscalationTarget(t: EscalationTarget): Promise<void> {
    this.target = t;
    return Promise.resolve();
  }

  escalationTarget(): Promise<EscalationTarget | undefined> {
    return Promise.resolve(this.target);
  }

  readonly installed = new Map<string, Installation>();

  rememberInstallation(i: Installation): Promise<boolean> {
    const fresh = !this.installed.has(i.conversationId);
    this.installed.set(i.conversationId, i);
    return Promise.resolve(fresh);
  }

  forgetInstallation(where: { conversationId: string; teamId?: string }): Promise<{ installations: number; postings: number; escalationTarget: boolean }> {
    const base = where.conversationId.split(';')[0] ?? where.conversationId;
    const inside = (id: string): boolean => (id.split(';')[0] ?? id) === base;
    let installations = 0;
    for (const [id, i] of this.installed) {
      if (inside(id) || (where.teamId !== undefined && i.teamId === where.teamId)) {
        this.installed.delete(id);
        installations++;
      }
    }
    const before = this.posted.length;
    this.posted.splice(0, this.posted.length, ...this.posted.filter((p) => !inside(p.conversationId) && (where.teamId === undefined || p.teamId !== where.teamId)));
    const escalationTarget = this.target !== undefined && (inside(this.target.conversationId) || (where.teamId !== undefined && this.target.teamId === where.teamId));
    if (escalationTarget) this.target = undefined;
    return Promise.resolve({ installations, postings: before - this.posted.length, escalationTarget });
  }

  installations(): Promise<Installation[]> {
    return Promise.resolve([...this.installed.values()]);
  }

  recordPosting(p: Posting): Promise<void> {
    this.posted.push(p);
    return Promise.resolve();
  }

  forgetPosting(conversationId: string, activityId: string): Promise<void> {
    this.posted.splice(0, this.posted.length, ...this.posted.filter((p) => !(p.conversationId === conversationId && p.activityId === activityId)));
    return Promise.resolve();
  }

  postings(extractionId: string): Promise<Posting[]> {
    return Promise.resolve(this.posted.filter((p) => p.extractionId === extractionId));
  }

  decisionsSince(since: Date): Promise<Array<{ record: DecisionRecord; extraction: Extraction }>> {
    return Promise.resolve(
      this.records.flatMap((record) => {
        const extraction = this.extractions.get(record.extractionId);
        return record.decidedAt >= since && extraction !== undefined ? [{ record, extraction }] : [];
      }),
    );
  }

  history(extractionId: string): Promise<DecisionRecord[]> {
    return Promise.resolve(this.records.filter((d) => d.extractionId === extractionId));
  }

  saveResultSet(set: ResultSet): Promise<void> {
    this.sets.set(set.id, set);
    return Promise.resolve();
  }

  readonly pagesShown = new Map<string, number>();

  resultSet(id: string, conversationId: string, now: Date): Promise<ResultSet | undefined> {
    const set = this.sets.get(id);
    const fresh = set !== undefined && set.conversationId === conversationId && now.getTime() - set.createdAt.getTime() <= RESULT_SET_TTL_MS;
    return Promise.resolve(fresh ? set : undefined);
  }

  claimPage(id: string, page: number): Promise<boolean> {
    if (!this.sets.has(id) || (this.pagesShown.get(id) ?? 1) !== page - 1) return Promise.resolve(false);
    this.pagesShown.set(id, page);
    return Promise.resolve(true);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  private state(id: string): ExtractionState | undefined {
    const extraction = this.extractions.get(id);
    if (extraction === undefined) return undefined;
    const own = this.records.filter((d) => d.extractionId === id);
    const decision = own[own.length - 1];
    return decision === undefined ? { extraction, status: 'pending', version: 0 } : { extraction, status: decision.status, decision, version: own.length };
  }
}
