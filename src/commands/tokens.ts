/** One word of a command, or one quoted string ("Adele Vance", “Adele Vance”) kept together. */
export interface Token {
  /**
   * Lower case: what keywords, windows and case-insensitive values are matched against. A quoted
   * token's word keeps its quotes, so it never equals a keyword or passes a value pattern.
   */
  readonly word: string;
  /** As typed: original case, quotes removed. */
  readonly text: string;
  readonly quoted: boolean;
  /** False when the closing quote is missing: the token then runs to the end of the text. */
  readonly closed: boolean;
}

/** Straight quotes, and the curly ones Teams clients autocorrect to (either direction, and the low „). */
const OPENING_QUOTES = new Set(['"', '\u201c', '\u201d', '\u201e']);
const CLOSING_QUOTES = new Set(['"', '\u201c', '\u201d']);

/** True for a word that starts with a quote: a quoted token (used where only words are at hand). */
export function isQuotedWord(word: string): boolean {
  return OPENING_QUOTES.has(word.charAt(0));
}

/**
 * Splits normalised chat text (single spaces, see normaliseChatText) into tokens. A quote opens a
 * quoted string only at the start of a token (`secrets"; drop` stays one word); the string ends at
 * the next quote of any kind.
 */
export function tokenize(typed: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < typed.length) {
    const ch = typed.charAt(i);
    if (ch === ' ') {
      i++;
      continue;
    }
    let end = i + 1;
    if (OPENING_QUOTES.has(ch)) {
      while (end < typed.length && !CLOSING_QUOTES.has(typed.charAt(end))) end++;
      const closed = end < typed.length;
      tokens.push({ word: typed.slice(i, closed ? end + 1 : end).toLowerCase(), text: typed.slice(i + 1, end), quoted: true, closed });
      i = closed ? end + 1 : end;
      continue;
    }
    while (end < typed.length && typed.charAt(end) !== ' ') end++;
    const text = typed.slice(i, end);
    tokens.push({ word: text.toLowerCase(), text, quoted: false, closed: true });
    i = end;
  }
  return tokens;
}
