import type { Extraction } from '../hunting/extraction';
import type { Actor, DecideOutcome, DecisionVerb, ExtractionState } from './decision';

/** The ordered extraction ids of one reply, kept so "Show next 10" pages through the same answer. */
export interface ResultSet {
  readonly id: string;
  readonly createdAt: Date;
  readonly label: string;
  readonly sample: boolean;
  readonly extractionIds: readonly string[];
}

/**
 * Durable state behind the buttons. Small on purpose: SQLite is the embedded default and an
 * Azure Table Storage implementation must fit behind the same methods.
 */
export interface DecisionStore {
  /** Remembers what a reply showed (so a click can be checked against it); keeps existing decisions. */
  recordSeen(extractions: readonly Extraction[], seenAt: Date): Promise<void>;
  /** Current states of the given ids, in no particular order; unknown ids are absent. */
  states(ids: readonly string[]): Promise<Map<string, ExtractionState>>;
  /**
   * Records a decision if the extraction is still pending. Atomic: of concurrent conflicting
   * clicks exactly one wins and the others get the winner's state.
   */
  decide(extractionId: string, verb: DecisionVerb, actor: Actor, at: Date): Promise<DecideOutcome>;
  saveResultSet(set: ResultSet): Promise<void>;
  resultSet(id: string): Promise<ResultSet | undefined>;
  close(): Promise<void>;
}
