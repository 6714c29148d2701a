import type { TurnContext } from 'botbuilder';
import { helpCardData } from '../../cards/help-card';
import { renderCard } from '../../cards/render';
import { cardActivity } from '../replies';

/** `help`, and every command that did not parse (with what was wrong on top). */
export async function handleHelp(context: TurnContext, now: Date, message?: string): Promise<void> {
  await context.sendActivity(cardActivity(renderCard('help', helpCardData(now, message))));
}
