import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { handleDecisionClick } from './decision-click';

/** Card verb `change-to-escalated`. */
export function handleChangeToEscalated(context: TurnContext, deps: BotDeps, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  return handleDecisionClick(context, deps, 'change-to-escalated', extractionId, comment, seenVersion);
}
