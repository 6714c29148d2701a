import { INVISIBLE_CONTROLS, truncate } from '../util/text';

/** Longest chat text we look at: the longest valid command is under 60 characters. */
export const MAX_COMMAND_LENGTH = 2000;

/**
 * Chat text as typed, reduced to the words of a command. Teams puts @mentions in the text as
 * `<at>Name</at>` (channels and group chats) and may send HTML entities for spaces.
 */
export function normaliseChatText(raw: string): string {
  return raw
    .slice(0, MAX_COMMAND_LENGTH) // commands are short; bounding first keeps every pattern below cheap
    .replace(/<at>[^<]*<\/at>/gi, ' ') // linear: a mention's text never contains '<'
    .replace(/<[^>]{1,200}>/g, ' ') // stray formatting tags (<p>, <br>) from rich-text clients
    .replace(/&nbsp;|\u00a0/gi, ' ')
    .replace(/&quot;/gi, '"') // rich-text clients may send the quotes of "Adele Vance" and the apostrophe of O'Brien as entities
    .replace(/&#0*39;|&apos;/gi, "'")
    .replace(/&amp;/gi, '&') // last: "&amp;quot;" is the text &quot;, not a quote
    .replace(INVISIBLE_CONTROLS, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Untrusted text echoed back to the user: bounded so a pasted novel cannot bloat a card. */
export function quoteForReply(text: string, max = 60): string {
  return truncate(text, max);
}
