import type { Activity } from 'botbuilder';
import type { Actor } from '../decisions/decision';
import { GUID_PATTERN } from '../util/guid';

/** The clicker's Entra identity, or undefined when Teams did not send a well-formed one (guests, some clients). */
export function actorOf(activity: Activity): Actor | undefined {
  const id = activity.from?.aadObjectId;
  if (typeof id !== 'string' || !GUID_PATTERN.test(id)) return undefined;
  const name = typeof activity.from.name === 'string' && activity.from.name.trim() !== '' ? activity.from.name.trim().slice(0, 120) : id;
  return { id: id.toLowerCase(), name };
}

/**
 * In a personal chat, the object id of the one person in it ('' when Teams sent none: then nobody
 * there can be the actor); undefined in channels and group chats.
 */
export function personalChatWith(activity: Activity): string | undefined {
  return activity.conversation?.conversationType === 'personal' ? (actorOf(activity)?.id ?? '') : undefined;
}

/** The team a channel activity belongs to (Teams sends it in channelData), bounded; undefined elsewhere. */
export function teamIdOf(activity: Activity): string | undefined {
  const team = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  return typeof team === 'string' && team !== '' ? team.slice(0, 200) : undefined;
}
