import type { Extraction } from '../hunting/extraction';
import type { Actor, DecideOutcome, DecisionRecord, DecisionVerb, ExtractionState, Role } from './decision';

/** The ordered extraction ids of one reply, kept so "Show next 10" pages through the same answer. */
export interface ResultSet {
  readonly id: string;
  readonly createdAt: Date;
  readonly label: string;
  readonly sample: boolean;
  /** The conversation the reply was posted in: its pages are shown there only. */
  readonly conversationId: string;
  /** Cards per page of this answer (`top`, or the configured PAGE_SIZE). */
  readonly pageSize: number;
  readonly extractionIds: readonly string[];
}

/** One posted copy of an extraction's card. `reference` is the chat edge's opaque conversation reference (JSON). */
export interface Posting {
  readonly extractionId: string;
  readonly conversationId: string;
  readonly activityId: string;
  readonly reference: string;
  readonly postedAt: Date;
  /** The team of a channel posting (a conversation reference does not say). */
  readonly teamId?: string;
}

/** Where escalations are posted: a conversation chosen with `secrets escalate here`. */
export interface EscalationTarget {
  readonly conversationId: string;
  /** The chat edge's opaque conversation reference (JSON). */
  readonly reference: string;
  readonly setBy: Actor;
  readonly setAt: Date;
  /** The team of the channel, when set in a channel. */
  readonly teamId?: string;
}

/** A place the app is installed (personal chat, group chat or team), kept so proactive messages can reach it later. */
export interface Installation {
  readonly conversationId: string;
  readonly scope: 'personal' | 'groupChat' | 'team';
  /** The team's id when installed in a team: its channels' references go when the team removes the app. */
  readonly teamId?: string;
  /** The chat edge's opaque conversation reference (JSON). */
  readonly reference: string;
  readonly installedBy?: Actor;
  readonly installedAt: Date;
}

/** What goes with a decision record besides the verb and actor. */
export interface DecisionDetails {
  readonly role?: Role;
  readonly comment?: string;
  /** The version the clicked card showed; when given, the decision applies only if nothing changed since. */
  readonly seenVersion?: number;
}

/** How long "Show next" keeps working; older result sets are deleted. */
export const RESULT_SET_TTL_MS = 7 * 24 * 60 * 60 * 1000;

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
  decide(extractionId: string, verb: DecisionVerb, actor: Actor, at: Date, details?: DecisionDetails): Promise<DecideOutcome>;
  /** Saves a result set (page 1 counts as shown) and deletes expired ones. */
  /** Remembers a user's Teams id (29:…) for their Entra object id, as activities arrive. */
  rememberUser(objectId: string, teamsId: string, at: Date): Promise<void>;
  /** Teams ids of the given Entra object ids, where seen. */
  teamsIds(objectIds: readonly string[]): Promise<Map<string, string>>;
  setEscalationTarget(target: EscalationTarget): Promise<void>;
  escalationTarget(): Promise<EscalationTarget | undefined>;
  /** Remembers an installation; true when it was not known yet (the welcome card goes out once). */
  rememberInstallation(installation: Installation): Promise<boolean>;
  /**
   * Forgets an installation and every stored reference into it (postings, the escalation target):
   * the app can no longer post there. A team's removal covers all its channels. Returns what went.
   */
  forgetInstallation(where: { readonly conversationId: string; readonly teamId?: string }): Promise<{ installations: number; postings: number; escalationTarget: boolean }>;
  installations(): Promise<Installation[]>;
  /** Remembers where an extraction's card was posted. */
  recordPosting(posting: Posting): Promise<void>;
  /** Every posted copy of an extraction's card. */
  postings(extractionId: string): Promise<Posting[]>;
  /** Forgets one posted copy (Teams says the message or the bot's place in that chat is gone). */
  forgetPosting(conversationId: string, activityId: string): Promise<void>;
  /** Every decision made at or after `since`, oldest first, with the extraction it is about (for export). */
  decisionsSince(since: Date): Promise<Array<{ readonly record: DecisionRecord; readonly extraction: Extraction }>>;
  /** Every decision on an extraction, oldest first (the append-only trail). */
  history(extractionId: string): Promise<DecisionRecord[]>;
  saveResultSet(set: ResultSet): Promise<void>;
  /** The result set if it exists, belongs to that conversation and has not expired at `now`. */
  resultSet(id: string, conversationId: string, now: Date): Promise<ResultSet | undefined>;
  /** Marks `page` as shown if the page before it was the last shown: true exactly once per page. */
  claimPage(id: string, page: number): Promise<boolean>;
  close(): Promise<void>;
}
