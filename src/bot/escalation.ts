import type { Activity, ConversationReference } from 'botbuilder';
import { extractionCardData } from '../cards/extraction-card';
import { mentionOf, type Mention } from '../cards/mention';
import { renderCard } from '../cards/render';
import type { ExtractionState } from '../decisions/decision';
import { escalationEvent } from '../notify/escalation-event';
import { postEscalation } from '../notify/webhook';
import type { BotDeps } from './deps';
import { GUID_PATTERN } from '../util/guid';
import { channelRoot } from './channel-root';
import { proactively } from './proactive';
import { cardActivity } from './replies';

/**
 * After an escalation: post the extraction card to the escalation target with who escalated, why,
 * and an @mention of the principal (Entra object id), and send the event to the SOAR webhook.
 * Background work: the click has been answered already; failures are logged.
 */
export function announceEscalation(deps: BotDeps, state: ExtractionState): void {
  const event = escalationEvent(state);
  if (event === undefined) return;
  // The card itself says who escalated and why (TextRuns, never markdown); the message text holds only fixed words and the mention.
  const card = renderCard('extraction', extractionCardData(state, { sample: deps.hunter.kind === 'local' }));
  deps.jobs.run('escalation', async () => {
    const target = await deps.store.escalationTarget();
    if (target !== undefined) {
      // Targets stored before threads were cut off still name one thread: post to its channel.
      const reference = channelRoot(JSON.parse(target.reference) as Partial<ConversationReference>);
      const info = state.extraction.principalInfo;
      // An application cannot be notified; a user is mentioned by name, or by id alone when the directory did not answer.
      const mention = info?.kind === 'servicePrincipal' ? undefined : (mentionOf(info) ?? unnamedMention(state.extraction.principalId));
      const message: Partial<Activity> = {
        ...cardActivity(card),
        text: escalationText(state, mention, reference.conversation?.conversationType === 'channel'),
        ...(mention !== undefined && { entities: [mention.entity] }),
      };
      try {
        // Not recorded as a posting: later decisions must not overwrite who escalated and why in the SOC's record.
        await proactively(deps, reference, async (ctx) => {
          await ctx.sendActivity(message);
        });
      } catch (e) {
        deps.log.error('could not post the escalation to the target conversation', { conversation: target.conversationId, error: e });
      }
    }
    if (deps.escalationWebhook !== undefined) await postEscalation(event, deps.escalationWebhook, deps.log);
  });
}

/** Without a directory name (lookup failed, or not a user we know) the object id still notifies a user. */
function unnamedMention(principalId: string | undefined): Mention | undefined {
  // Upstream text: only an Entra object id can be mentioned (anything else and Teams may refuse the whole post).
  if (principalId === undefined || !GUID_PATTERN.test(principalId)) return undefined;
  const text = '<at>the account holder</at>';
  return { text, entity: { type: 'mention', text, mentioned: { id: principalId, name: 'the account holder' } } };
}

/**
 * The post's own words (fixed text and the mention only; who and why are on the card). The account
 * holder who said "Not me" has answered already; a group chat has no threads.
 */
function escalationText(state: ExtractionState, mention: Mention | undefined, inChannel: boolean): string {
  if (mention === undefined) return 'Escalation for the SOC.';
  if (state.decision?.verb === 'deny') return `Escalation for the SOC: ${mention.text} says this extraction was not them.`;
  return `Escalation for the SOC. ${mention.text}, please respond ${inChannel ? 'in this thread' : 'here'}.`;
}
