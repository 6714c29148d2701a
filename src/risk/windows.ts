/**
 * For each event (times ascending), the busiest window of length `windowMs` that contains it:
 * most events, and most different keys. Windows are anchored at events (any window containing
 * event i can slide right to start at an event j ≤ i), so: compute every window starting at an
 * event with two pointers, then take for i the best over starts j with times[j] ≥ times[i] − windowMs.
 * Linear apart from the key counting; a principal's 50,000-event day stays cheap.
 */
export function busiestWindows(times: readonly number[], keys: readonly (string | undefined)[], windowMs: number): { count: number; distinct: number }[] {
  const n = times.length;
  const startCount = new Array<number>(n);
  const startDistinct = new Array<number>(n);
  const inWindow = new Map<string, number>();
  let end = 0; // exclusive
  for (let j = 0; j < n; j++) {
    const limit = (times[j] ?? 0) + windowMs;
    while (end < n && (times[end] ?? 0) <= limit) {
      const k = keys[end];
      // An event without a key (a service not logged) counts as an event, not as one more service.
      if (k !== undefined) inWindow.set(k, (inWindow.get(k) ?? 0) + 1);
      end++;
    }
    startCount[j] = end - j;
    startDistinct[j] = inWindow.size;
    const leaving = keys[j];
    if (leaving !== undefined) {
      const left = (inWindow.get(leaving) ?? 1) - 1;
      if (left === 0) inWindow.delete(leaving);
      else inWindow.set(leaving, left);
    }
  }
  const count = slidingMax(times, startCount, windowMs);
  const distinct = slidingMax(times, startDistinct, windowMs);
  return count.map((c, i) => ({ count: c, distinct: distinct[i] ?? 0 }));
}

/** For each i, the best value over starts j in [first start within windowMs before i, i]. */
function slidingMax(times: readonly number[], values: readonly number[], windowMs: number): number[] {
  const out = new Array<number>(times.length);
  const deque: number[] = []; // indices, values decreasing
  let head = 0;
  for (let i = 0; i < times.length; i++) {
    while (deque.length > head && (values[deque[deque.length - 1] ?? 0] ?? 0) <= (values[i] ?? 0)) deque.pop();
    deque.push(i);
    while ((times[deque[head] ?? 0] ?? 0) < (times[i] ?? 0) - windowMs) head++;
    out[i] = values[deque[head] ?? i] ?? 0;
  }
  return out;
}
