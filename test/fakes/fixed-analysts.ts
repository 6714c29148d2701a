import type { AnalystDirectory } from '../../src/decisions/roles';

/** An AnalystDirectory fake: exactly these object ids are analysts. */
export function fixedAnalysts(...ids: string[]): AnalystDirectory {
  const set = new Set(ids.map((i) => i.toLowerCase()));
  return { isAnalyst: (id) => Promise.resolve(set.has(id.toLowerCase())) };
}
