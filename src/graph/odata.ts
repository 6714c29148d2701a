import { AppError, ErrorCode } from '../errors';

/**
 * Untrusted text inside a Graph URL. Values reaching here are validated at the chat edge (names,
 * user principal names, GUIDs); these are the second wall, so that no character of a value can
 * end the string literal or change what the URL means.
 */

/** An OData string literal: in single quotes, a quote inside doubled ('O''Brien'). Control characters are refused. */
export function odataString(value: string): string {
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new Error('control characters are not allowed in an OData literal');
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Percent-encodes a value for a URL path segment or query string (RFC 3986 unreserved characters
 * kept): `&`, `=`, `+`, `#`, `?`, `/`, `'`, spaces and non-ASCII are all encoded.
 */
export function urlValue(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * The `value` array of a Graph collection answer. Anything else with a 200 (a proxy's HTML page,
 * `{}`, `{"value":null}`, an empty 204) is a failed lookup, not "nobody": it must not be cached
 * as absent, nor turn a `by` name into "not found".
 */
export function graphCollection(body: unknown, what: string): unknown[] {
  const value = (typeof body === 'object' && body !== null ? (body as { value?: unknown }).value : undefined);
  if (!Array.isArray(value)) throw new AppError(ErrorCode.DirectoryUnavailable, `Microsoft Graph answered ${what} without a list of objects.`);
  return value;
}
