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
  const name = principal.displayName
    .replace(/[^\p{L}\p{M}\p{N} .'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 64);
  if (name === '') return undefined;
  const text = `<at>${name}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id: principal.id, name } } };
}
