/**
 * Chat text as typed, reduced to the words of a command. Teams puts @mentions in the text as
 * `<at>Name</at>` (channels and group chats) and may send HTML entities for spaces.
 */
export function normaliseChatText(raw: string): string {
  return raw
    .replace(/<at>[\s\S]*?<\/at>/gi, ' ')
    .replace(/<[^>]{1,200}>/g, ' ') // stray formatting tags (<p>, <br>) from rich-text clients
    .replace(/&nbsp;|\u00a0/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Untrusted text echoed back to the user: bounded so a pasted novel cannot bloat a card. */
export function quoteForReply(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
