import type { Activity } from 'botbuilder';
import type { Actor } from '../decisions/decision';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The clicker's Entra identity, or undefined when Teams did not send a well-formed one (guests, some clients). */
export function actorOf(activity: Activity): Actor | undefined {
  const id = activity.from?.aadObjectId;
  if (typeof id !== 'string' || !GUID.test(id)) return undefined;
  const name = typeof activity.from.name === 'string' && activity.from.name.trim() !== '' ? activity.from.name.trim().slice(0, 120) : id;
  return { id: id.toLowerCase(), name };
}
