import type { Extraction } from '../hunting/extraction';

/**
 * Card verbs. Analysts: approve / escalate a pending extraction, or change a decision. The actor
 * (whose extraction it is): confirm ("It was me — authorised") or deny ("Not me", which escalates).
 */
export type DecisionVerb = 'approve' | 'escalate' | 'confirm' | 'deny' | 'change-to-approved' | 'change-to-escalated';
export type DecisionStatus = 'pending' | 'approved' | 'escalated';
export type Role = 'actor' | 'analyst';

export const STATUS_OF_VERB: Readonly<Record<DecisionVerb, Exclude<DecisionStatus, 'pending'>>> = {
  approve: 'approved',
  escalate: 'escalated',
  confirm: 'approved',
  deny: 'escalated',
  'change-to-approved': 'approved',
  'change-to-escalated': 'escalated',
};

/**
 * The status a verb changes from. A click is a conditional write on it, so a stale card or the
 * loser of a race changes nothing and is shown the current state.
 */
export const FROM_STATUS_OF_VERB: Readonly<Record<DecisionVerb, DecisionStatus>> = {
  approve: 'pending',
  escalate: 'pending',
  confirm: 'pending',
  deny: 'pending',
  'change-to-approved': 'escalated',
  'change-to-escalated': 'approved',
};

export const DECISION_VERBS: readonly DecisionVerb[] = Object.keys(STATUS_OF_VERB) as DecisionVerb[];

/** Who clicked, as Teams reported it (Entra object id + display name). */
export interface Actor {
  readonly id: string;
  readonly name: string;
}

/** One entry of the append-only decision history. */
export interface DecisionRecord {
  readonly extractionId: string;
  readonly verb: DecisionVerb;
  readonly status: Exclude<DecisionStatus, 'pending'>;
  readonly actor: Actor;
  readonly decidedAt: Date;
  /** The role the actor decided in (absent on records made before roles existed). */
  readonly role?: Role;
  readonly comment?: string;
}

/** An extraction as we last saw it, with its current decision state. */
export interface ExtractionState {
  readonly extraction: Extraction;
  readonly status: DecisionStatus;
  /** The decision that set the current status, if any. */
  readonly decision?: DecisionRecord;
  /** Increases with every decision: a card carries the version it showed, so a stale card changes nothing. */
  readonly version?: number;
}

/** Outcomes of a click are values: only a storage failure throws. */
export type DecideOutcome =
  | { readonly kind: 'decided'; readonly state: ExtractionState }
  | { readonly kind: 'already-decided'; readonly state: ExtractionState }
  | { readonly kind: 'unknown-extraction' };
