import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogLevel } from './config';

/** Structured JSON logs, one line each. Fields never carry secrets or tokens: callers pass ids, not credentials. */
export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}
export type LogFields = Readonly<Record<string, unknown>>;

const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/**
 * Correlation fields of the work in progress (the HTTP request and the turn it carries). Async
 * context follows promises, so the background hunting job a turn starts logs the same requestId.
 */
const context = new AsyncLocalStorage<LogFields>();

export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return context.run({ ...context.getStore(), ...fields }, fn);
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stdout.write(`${l}\n`), base: LogFields = {}): Logger {
  const emit = (at: LogLevel, msg: string, fields?: LogFields): void => {
    if (ORDER[at] < ORDER[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: at, msg, ...context.getStore(), ...base, ...fields }, errorReplacer));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (fields) => createLogger(level, write, { ...base, ...fields }),
  };
}

/** Errors as code + message only: stacks and causes can carry request bodies and headers. */
function errorReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    const cause = value.cause instanceof Error ? { cause: `${value.cause.name}: ${value.cause.message}` } : {};
    return { name: value.name, message: value.message, ...(code !== undefined && { code }), ...cause };
  }
  return value;
}

export const silentLogger: Logger = createLogger('error', () => undefined);
