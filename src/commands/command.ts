import type { Window } from './window';

/** What a chat message asks for, after parsing. */
export type Command =
  | { readonly kind: 'secrets'; readonly window: Window }
  | { readonly kind: 'help' };

export type CommandErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'BAD_WINDOW'
  | 'WINDOW_TOO_LONG'
  | 'WINDOW_IN_FUTURE'
  | 'UNEXPECTED_WORDS';

/** An expected outcome of parsing, not an exception: the reply is the help card with `message` on top. */
export interface CommandError {
  readonly code: CommandErrorCode;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly error: CommandError };
