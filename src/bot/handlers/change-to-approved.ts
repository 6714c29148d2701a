import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { handleDecisionClick } from './decision-click';

/** Card verb `change-to-approved`. */
export function handleChangeToApproved(context: TurnContext, deps: BotDeps, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  return handleDecisionClick(context, deps, 'change-to-approved', extractionId, comment, seenVersion);
}
