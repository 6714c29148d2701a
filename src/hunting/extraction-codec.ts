import type { Extraction } from './extraction';

/** Extraction ⇄ JSON for storage. Dates travel as ISO strings. */
export function encodeExtraction(e: Extraction): string {
  return JSON.stringify(e);
}

export function decodeExtraction(json: string): Extraction {
  const raw = JSON.parse(json) as Extraction & { time: string };
  return { ...raw, time: new Date(raw.time) };
}
