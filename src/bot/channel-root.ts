import type { ConversationReference } from 'botbuilder';

/**
 * A message in a channel thread has the conversation id "19:…@thread.tacv2;messageid=…": stored as
 * is, every escalation would land in that one thread. The channel itself is the part before it, so
 * each escalation starts a thread of its own.
 */
export function channelRoot(reference: Partial<ConversationReference>): Partial<ConversationReference> {
  const id = reference.conversation?.id;
  if (reference.conversation === undefined || id === undefined || !id.includes(';messageid=')) return reference;
  return { ...reference, conversation: { ...reference.conversation, id: id.split(';messageid=')[0] ?? id } };
}
