import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { handleDecisionClick } from './decision-click';

/** Card verb `escalate`. */
export function handleEscalate(context: TurnContext, deps: BotDeps, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  return handleDecisionClick(context, deps, 'escalate', extractionId, comment, seenVersion);
}
