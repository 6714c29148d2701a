import { extractionCardData } from '../cards/extraction-card';
import { renderCard, type AdaptiveCardJson } from '../cards/render';
import type { Actor, DecisionVerb, ExtractionState } from '../decisions/decision';
import { authorise } from '../decisions/policy';
import type { AnalystDirectory } from '../decisions/roles';
import type { DecisionStore } from '../decisions/store';

export type DecideResult =
  /** `card` goes to every copy; `clickerCard` back to the one who clicked, with only the buttons their role may use. */
  | { readonly kind: 'decided'; readonly card: AdaptiveCardJson; readonly clickerCard: AdaptiveCardJson; readonly state: ExtractionState }
  | { readonly kind: 'already-decided' | 'refused'; readonly card: AdaptiveCardJson; readonly reason?: string }
  | { readonly kind: 'unknown-extraction' };

export interface DecideDeps {
  readonly store: DecisionStore;
  readonly now: () => Date;
  readonly sample: boolean;
  readonly analysts: AnalystDirectory;
  /** In a personal chat, the person in it: the re-drawn card @mentions only them (see ExtractionCardOptions). */
  readonly personalChatWith?: string;
  /** Whether an escalation reaches anyone beyond this card (a channel chosen with "escalate here", or the SOAR webhook). */
  readonly escalationsDelivered?: () => Promise<boolean>;
}

/** Said on the card when an escalation is recorded but nobody else is told: an analyst should fix that. */
export const NO_ESCALATION_ROUTE =
  'Recorded as escalated, but no escalation channel is set, so no one else was notified. An analyst can type "@SecretWatch secrets escalate here" in the SOC channel.';

/**
 * A click on a decision button. The extraction is looked up in the store (never taken from the
 * card), the clicker is authorised against stored facts (policy.ts), the decision is durable before
 * we answer, and a stale card or a lost race records nothing and shows the current state.
 */
export async function decide(deps: DecideDeps, extractionId: string, verb: DecisionVerb, actor: Actor, comment = '', seenVersion?: number): Promise<DecideResult> {
  const state = (await deps.store.states([extractionId])).get(extractionId);
  if (state === undefined) return { kind: 'unknown-extraction' };
  if (seenVersion !== undefined && state.version !== undefined && seenVersion !== state.version) {
    // Decided (or changed) since this card was drawn: even if the status looks the same again, the click is stale.
    const notice = `This extraction is ${state.status} now and was decided after this card was shown; the card you clicked was out of date.`;
    return { kind: 'already-decided', reason: 'not-now', card: renderCard('extraction', extractionCardData(state, { ...view(deps), notice })) };
  }
  const answer = authorise(actor, state, verb, await deps.analysts.isAnalyst(actor.id), comment);
  if (!answer.ok) {
    const kind = answer.reason === 'not-now' ? 'already-decided' : 'refused';
    return { kind, reason: answer.reason, card: renderCard('extraction', extractionCardData(state, { ...view(deps), notice: answer.message })) };
  }
  const outcome = await deps.store.decide(extractionId, verb, actor, deps.now(), {
    role: answer.role,
    ...(comment !== '' && { comment }),
    ...(seenVersion !== undefined && { seenVersion }),
  });
  if (outcome.kind === 'unknown-extraction') return outcome;
  const undelivered = outcome.kind === 'decided' && outcome.state.status === 'escalated' && deps.escalationsDelivered !== undefined && !(await deps.escalationsDelivered());
  const notice =
    outcome.kind === 'already-decided'
      ? `Already ${outcome.state.status} by ${outcome.state.decision?.actor.name ?? 'someone'}: your click changed nothing.`
      : undelivered
        ? NO_ESCALATION_ROUTE
        : undefined;
  const card = renderCard('extraction', extractionCardData(outcome.state, { ...view(deps), ...(notice !== undefined && { notice }) }));
  if (outcome.kind !== 'decided') return { kind: 'already-decided', card };
  const clickerCard = renderCard('extraction', extractionCardData(outcome.state, { ...view(deps), viewer: answer.role === 'actor' ? 'actor' : 'analyst', ...(notice !== undefined && { notice }) }));
  return { kind: 'decided', card, clickerCard, state: outcome.state };
}

/** The card options every re-drawn card of a click shares. */
function view(deps: DecideDeps): { sample: boolean; personalChatWith?: string } {
  return { sample: deps.sample, ...(deps.personalChatWith !== undefined && { personalChatWith: deps.personalChatWith }) };
}
