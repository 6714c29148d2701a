import type { RiskSignal } from './signal';
import { riskScore } from './signal';

/**
 * Risky first (highest score), then the list's own order (newest first, or oldest first for a
 * pending queue). Stable: equal scores keep their relative order.
 */
export function riskyFirst<T extends { readonly id: string }>(items: readonly T[], signals: ReadonlyMap<string, readonly RiskSignal[]>): T[] {
  return items
    .map((item, index) => ({ item, index, score: riskScore(signals.get(item.id)) }))
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .map((x) => x.item);
}
