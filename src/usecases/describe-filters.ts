import type { Filters } from '../commands/filters';
import type { SecretsAsk } from './list-secrets';

/**
 * "by 7c3e…, service apim-x, failed only, pending only" — said on the summary so a filtered answer
 * is never mistaken for all. A principal asked for by name or UPN is named ("by Adele Vance (adele.vance@contoso.com)").
 */
export function describeFilters(f: SecretsAsk['filters']): string {
  const parts = [
    f.principalId === undefined ? undefined : `by ${f.principalLabel ?? f.principalId}`,
    f.service === undefined ? undefined : `service ${f.service}`,
    f.subscriptionId === undefined ? undefined : `subscription ${f.subscriptionId}`,
    ...describePostFilters(f.outcome, f.status),
  ].filter((p): p is string => p !== undefined);
  return parts.length === 0 ? '' : `Filtered: ${parts.join(', ')}.`;
}

/** The filters applied after the query (outcome, decision status), in words. */
export function describePostFilters(outcome: Filters['outcome'], status: Filters['status']): string[] {
  return [
    ...(outcome === undefined ? [] : [outcome === 'failed' ? 'failed attempts only' : 'successful ones only']),
    ...(status === undefined ? [] : [`${status} only`]),
  ];
}
