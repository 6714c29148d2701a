import { extractionCardData } from '../cards/extraction-card';
import { renderCard, type AdaptiveCardJson } from '../cards/render';
import type { Actor, DecisionVerb } from '../decisions/decision';
import type { DecisionStore } from '../decisions/store';

export type DecideResult =
  | { readonly kind: 'decided' | 'already-decided'; readonly card: AdaptiveCardJson }
  | { readonly kind: 'unknown-extraction' };

/**
 * Approve / Escalate. The extraction is looked up in the store (never taken from the card), the
 * decision is durable before we answer, and a click on a decided extraction records nothing and
 * shows the current state.
 */
export async function decide(
  deps: { store: DecisionStore; now: () => Date; sample: boolean },
  extractionId: string,
  verb: DecisionVerb,
  actor: Actor,
): Promise<DecideResult> {
  const outcome = await deps.store.decide(extractionId, verb, actor, deps.now());
  if (outcome.kind === 'unknown-extraction') return outcome;
  const notice =
    outcome.kind === 'already-decided'
      ? `Already ${outcome.state.status} by ${outcome.state.decision?.actor.name ?? 'someone'}: your click changed nothing.`
      : undefined;
  const data = extractionCardData(outcome.state, { sample: deps.sample, ...(notice !== undefined && { notice }) });
  return { kind: outcome.kind, card: renderCard('extraction', data) };
}
