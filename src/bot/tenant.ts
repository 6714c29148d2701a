import type { Activity } from 'botbuilder';

/** The Microsoft 365 tenant an activity comes from, as Teams states it (channelData first). */
export function tenantOf(activity: Partial<Activity>): string | undefined {
  const tenant = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  return typeof tenant === 'string' ? tenant.toLowerCase() : undefined;
}

/**
 * In azure mode only Microsoft Teams in our own tenant is served. The Azure Bot resource may also
 * expose Web Chat or Direct Line, whose clients set `from` and `channelData` themselves: an
 * Entra object id from there proves nothing, so those turns are not handled at all.
 */
export function isOurTeams(activity: Partial<Activity>, tenantId: string | undefined): boolean {
  if (tenantId === undefined) return true; // local mode: the Playground and tests
  return activity.channelId === 'msteams' && tenantOf(activity) === tenantId;
}
