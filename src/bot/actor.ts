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
