import type { Filters } from './filters';
import type { Window } from './window';

/** What a chat message asks for, after parsing. */
export type Command =
  /** `secrets …`: run the hunting query; `fresh` bypasses the result cache. */
  | { readonly kind: 'secrets'; readonly window: Window; readonly filters: Filters; readonly fresh: boolean }
  /** `secrets kql …`: show the KQL and Timespan that `secrets …` would send. */
  | { readonly kind: 'kql'; readonly window: Window; readonly filters: Filters }
  /** `secrets history <extraction id>`: the decision trail of one extraction. */
  | { readonly kind: 'history'; readonly extractionId: string }
  /** `secrets escalate here`: make this conversation the escalation target (analysts, channels). */
  | { readonly kind: 'escalate-here' }
  /** `secrets export [window]`: the decisions in the window as a CSV file (analysts). */
  | { readonly kind: 'export'; readonly window: Window }
  | { readonly kind: 'help' };

export type CommandErrorCode =
  | 'UNKNOWN_COMMAND'
  | 'BAD_WINDOW'
  | 'WINDOW_TOO_LONG'
  | 'WINDOW_IN_FUTURE'
  | 'UNEXPECTED_WORDS'
  | 'BAD_FILTER';

/** An expected outcome of parsing, not an exception: the reply is the help card with `message` on top. */
export interface CommandError {
  readonly code: CommandErrorCode;
  readonly message: string;
}

export type ParseResult =
  | { readonly ok: true; readonly command: Command }
  | { readonly ok: false; readonly error: CommandError };
