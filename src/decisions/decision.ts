import type { Extraction } from '../hunting/extraction';

export type DecisionVerb = 'approve' | 'escalate';
export type DecisionStatus = 'pending' | 'approved' | 'escalated';

export const STATUS_OF_VERB: Readonly<Record<DecisionVerb, Exclude<DecisionStatus, 'pending'>>> = {
  approve: 'approved',
  escalate: 'escalated',
};

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
}

/** An extraction as we last saw it, with its current decision state. */
export interface ExtractionState {
  readonly extraction: Extraction;
  readonly status: DecisionStatus;
  /** The decision that set the current status, if any. */
  readonly decision?: DecisionRecord;
}

/** Outcomes of a click are values: only a storage failure throws. */
export type DecideOutcome =
  | { readonly kind: 'decided'; readonly state: ExtractionState }
  | { readonly kind: 'already-decided'; readonly state: ExtractionState }
  | { readonly kind: 'unknown-extraction' };
