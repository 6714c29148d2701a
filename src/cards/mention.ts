import type { Principal } from '../directory/principal';

/** A Teams @mention: `<at>Name</at>` in a TextBlock or message text, and the entity that resolves it. */
export interface Mention {
  readonly text: string;
  readonly entity: { readonly type: 'mention'; readonly text: string; readonly mentioned: { readonly id: string; readonly name: string } };
}

/**
 * Mentions the user who made an extraction, by Entra object id, so Teams notifies them where the
 * card is posted. Only people: an application cannot be notified. The name lands in markdown text
 * (mentions do not work in TextRuns), so it keeps only letters, marks, digits, spaces and . ' -
 */
export function mentionOf(principal: Principal | undefined): Mention | undefined {
  if (principal?.kind !== 'user') return undefined;
  const cleaned = principal.displayName
    .replace(/[^\p{L}\p{M}\p{N} .'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  // Cut by code point: slicing UTF-16 units could leave half of a letter outside the BMP (a lone surrogate).
  const name = Array.from(cleaned).slice(0, 64).join('').trim();
  if (name === '') return undefined;
  const text = `<at>${name}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id: principal.id, name } } };
}
