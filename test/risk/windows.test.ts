import { busiestWindows } from '../../src/risk/windows';

/** A direct count over every window anchored at an event that contains i: the definition, slowly. */
function slow(times: number[], keys: Array<string | undefined>, w: number): { count: number; distinct: number }[] {
  return times.map((ti, i) => {
    let count = 0;
    let distinct = 0;
    times.forEach((tj, j) => {
      if (j > i || tj < ti - w) return;
      const inside = times.map((t, k) => [t, k] as const).filter(([t]) => t >= tj && t <= tj + w);
      count = Math.max(count, inside.length);
      distinct = Math.max(distinct, new Set(inside.flatMap(([, k]) => (keys[k] === undefined ? [] : [keys[k]]))).size);
    });
    return { count, distinct };
  });
}

describe('busiestWindows', () => {
  test.each([
    ['empty', [], [], 10],
    ['one event', [5], ['a'], 10],
    ['a window edge is inclusive', [0, 10, 20], ['a', 'b', 'c'], 10],
    ['a run in the middle', [0, 100, 104, 108, 200], ['a', 'a', 'b', 'c', 'a'], 10],
    ['equal times', [7, 7, 7, 30], ['x', 'y', 'x', 'x'], 5],
    // A service that was not logged is not one more service: two known and one unknown are two.
    ['events without a key count, but not as another key', [0, 1, 2, 3], ['a', undefined, 'b', undefined], 10],
  ])('%s', (_name, times: number[], keys: Array<string | undefined>, w: number) => {
    expect(busiestWindows(times, keys, w)).toEqual(slow(times, keys, w));
  });

  test('matches the definition on 300 random sequences', () => {
    let seed = 42;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(rand() * 25);
      const times = Array.from({ length: n }, () => Math.floor(rand() * 100)).sort((a, b) => a - b);
      const keys = times.map(() => ['a', 'b', 'c', 'd', undefined][Math.floor(rand() * 5)]);
      const w = Math.floor(rand() * 30);
      expect(busiestWindows(times, keys, w)).toEqual(slow(times, keys, w));
    }
  });
});
