/**
 * Fields of errors thrown by HTTP clients we do not own (GraphError, the Bot Connector's RestError):
 * read without trusting their shape.
 */

/** The HTTP status (`statusCode`), if the error has a numeric one. */
export function errorStatus(e: unknown): number | undefined {
  const status = typeof e === 'object' && e !== null ? (e as { statusCode?: unknown }).statusCode : undefined;
  return typeof status === 'number' ? status : undefined;
}

/** The service's error code (`code`, e.g. "BotNotInConversationRoster"), if the error has a text one. */
export function errorCode(e: unknown): string | undefined {
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : undefined;
}
