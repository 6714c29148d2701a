import type { ExtractionState } from '../decisions/decision';
import type { Extraction, Outcome } from '../hunting/extraction';
import { describePrincipal } from '../directory/principal';
import { operationLabel } from '../hunting/operations';
import { signalInfo } from '../risk/signal';
import { mentionOf } from './mention';
import { cardTime, dataText, deciderText } from './text';
import type { ExtractionCardData, Fact } from './view-models';

const OUTCOME: Record<Outcome, { text: string; color: ExtractionCardData['outcomeColor'] }> = {
  succeeded: { text: 'Secrets listed', color: 'Warning' },
  forbidden: { text: 'Forbidden', color: 'Attention' },
  failed: { text: 'Failed', color: 'Attention' },
  unknown: { text: 'Outcome unknown', color: 'Default' },
};

/** A Map: upstream names such as "constructor" must not find Object's built-ins. */
const ACCESS_NAMES: ReadonlyMap<string, string> = new Map([
  ['access', 'management API keys (tenant access)'],
  ['gitaccess', 'configuration repository keys (tenant git access)'],
]);

/** Who looks at a card: everyone (the posted copy), or one viewer after a refresh. */
export type Viewer = 'everyone' | 'actor' | 'analyst' | 'other';

export interface ExtractionCardOptions {
  readonly sample: boolean;
  readonly notice?: string;
  readonly viewer?: Viewer;
  /** Teams user ids (29:…) to refresh for, at most 60 (Teams' limit). */
  readonly refreshUserIds?: readonly string[];
  /**
   * In a personal chat, the object id of the one person in it: the actor is @mentioned only if it
   * is them (anyone else is not in the chat, so "was this you?" would reach nobody).
   */
  readonly personalChatWith?: string;
}

export function extractionCardData(state: ExtractionState, options: ExtractionCardOptions): ExtractionCardData {
  const e = state.extraction;
  const outcome = OUTCOME[e.outcome];
  const decision = state.decision;
  // Only a pending card asks the admin to answer; the viewer-specific copies for analysts do not.
  const viewer = options.viewer ?? 'everyone';
  // An application did it: no person can answer "It was me", so only analysts decide.
  const app = e.principalInfo?.kind === 'servicePrincipal';
  const inThisChat = options.personalChatWith === undefined || options.personalChatWith.toLowerCase() === e.principalId?.toLowerCase();
  const changed = decision?.verb === 'change-to-approved' || decision?.verb === 'change-to-escalated';
  const mention = state.status === 'pending' && inThisChat && (viewer === 'everyone' || viewer === 'actor') ? mentionOf(e.principalInfo) : undefined;
  return {
    id: e.id,
    sample: options.sample,
    title: dataText(e.service === undefined ? 'API Management service (name not logged)' : `${e.service}`, 120),
    timeIso: cardTime(e.time),
    outcomeText: e.outcome === 'failed' && e.statusCode !== undefined ? dataText(`Failed: ${e.statusCode}`, 60) : outcome.text,
    outcomeColor: outcome.color,
    facts: facts(e),
    hasSignals: (e.signals ?? []).length > 0,
    signals: (e.signals ?? []).map((sig) => ({ label: signalInfo(sig.kind).label, detail: dataText(sig.detail, 200) })),
    hasMention: mention !== undefined,
    mentionText: mention === undefined ? '' : `${mention.text}, was this you? Please answer below.`,
    mentions: mention === undefined ? [] : [mention.entity],
    pending: state.status === 'pending',
    statusText: app && state.status === 'pending' ? 'Waiting for an analyst to decide: an application did this' : statusText(state),
    statusColor: state.status === 'approved' ? 'Good' : state.status === 'escalated' ? 'Attention' : 'Default',
    decidedBy: dataText(decision === undefined ? '' : deciderText(decision.actor.name || decision.actor.id, decision.role), 160),
    hasComment: decision?.comment !== undefined,
    comment: dataText(decision?.comment === undefined ? '' : `"${decision.comment}"`, 520),
    hasEarlier: changed,
    // In a TextRun: the id comes from upstream data.
    earlierText: changed ? `This overturned an earlier decision: "secrets history ${dataText(e.id, 100)}" shows every step and its reason.` : '',
    commentHint: app ? 'Comment (a reason is required to escalate)' : 'Comment (a reason is required to escalate or say "Not me")',
    changeCommentHint: state.status === 'approved' ? 'Comment (a reason is required to change to escalated)' : 'Comment (a reason is required to approve after review)',
    canChangeToEscalated: state.status === 'approved',
    canChangeToApproved: state.status === 'escalated',
    version: state.version ?? 0,
    actorButtons: !app && ((options.viewer ?? 'everyone') === 'everyone' || options.viewer === 'actor'),
    analystButtons: (options.viewer ?? 'everyone') === 'everyone' || options.viewer === 'analyst',
    refresh:
      options.refreshUserIds === undefined || options.refreshUserIds.length === 0
        ? null
        : { action: { type: 'Action.Execute', verb: 'refresh', data: { extractionId: e.id } }, userIds: options.refreshUserIds.slice(0, 60) },
    decidedAtIso: cardTime(decision?.decidedAt ?? e.time),
    hasNotice: options.notice !== undefined,
    notice: dataText(options.notice ?? '', 700),
  };
}

function statusText(state: ExtractionState): string {
  if (state.status === 'pending') return 'Waiting for the account holder to answer, or an analyst to decide';
  switch (state.decision?.verb) {
    case 'confirm':
      return 'Confirmed as authorised';
    case 'deny':
      return '"Not me": escalated';
    case 'change-to-approved':
      return 'Approved after review';
    case 'change-to-escalated':
      return 'Changed to escalated';
    default:
      return state.status === 'approved' ? 'Approved' : 'Escalated';
  }
}

function facts(e: Extraction): Fact[] {
  const list: Array<[string, string | undefined]> = [
    ['Who', whoText(e)],
    ['Object id', e.principalInfo === undefined ? undefined : e.principalId],
    ['Tool', e.application.label],
    ['Keys', e.accessName === undefined ? undefined : (ACCESS_NAMES.get(e.accessName.toLowerCase()) ?? e.accessName)],
    ['Subscription', e.subscriptionId],
    ['Resource group', e.resourceGroup],
    ['From', from(e)],
    ['User agent', e.userAgent],
    ['Operation', operationLabel(e.operation) === e.operation ? e.operation : `${operationLabel(e.operation)} (${e.operation})`],
  ];
  return list.filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '').map(([label, value]) => ({ label, value: dataText(value) }));
}

/** The principal by name when the directory knew it, else by id. */
export function whoText(e: Extraction): string {
  if (e.principalInfo !== undefined) return describePrincipal(e.principalInfo, e.principalId);
  return e.principalId === undefined ? 'unknown principal' : `principal ${e.principalId}`;
}

function from(e: Extraction): string | undefined {
  const place = [e.city, e.countryCode].filter((p) => p !== undefined).join(', ');
  const parts = [e.clientIp ?? 'unknown IP', place === '' ? undefined : place, e.isp, e.anonymousProxy === true ? 'anonymous proxy' : undefined];
  return parts.filter((p) => p !== undefined).join(' · ');
}
