/** A wait in words: "45 seconds", "2 minutes" (rounded up: never promise less than the wait). */
export function inSecondsOrMinutes(seconds: number): string {
  return seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

/** Cuts text to at most `max` UTF-16 units including the ellipsis, never splitting a character. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = '';
  for (const ch of text) {
    if (cut.length + ch.length > max - 1) break;
    cut += ch;
  }
  return `${cut}…`;
}

/**
 * Characters that change how surrounding text displays without being visible: C0/C1 controls and
 * Unicode bidi overrides/isolates/marks (a name with U+202E can reverse the rest of a sentence).
 */
export const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u180e\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+/g;
