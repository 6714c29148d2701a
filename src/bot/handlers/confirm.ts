import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { handleDecisionClick } from './decision-click';

/** Card verb `confirm`. */
export function handleConfirm(context: TurnContext, deps: BotDeps, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  return handleDecisionClick(context, deps, 'confirm', extractionId, comment, seenVersion);
}
