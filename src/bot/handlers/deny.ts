import type { InvokeResponse, TurnContext } from 'botbuilder';
import type { BotDeps } from '../deps';
import { handleDecisionClick } from './decision-click';

/** Card verb `deny`. */
export function handleDeny(context: TurnContext, deps: BotDeps, extractionId: string, comment: string, seenVersion?: number): Promise<InvokeResponse> {
  return handleDecisionClick(context, deps, 'deny', extractionId, comment, seenVersion);
}
