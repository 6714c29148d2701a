/**
 * Upstream JSON-in-a-string columns (HttpRequest, Properties) parsed defensively: anything that is
 * not a JSON object yields an empty record, so a malformed row shows what else is known.
 */
export function parseJsonObject(text: string | undefined): Readonly<Record<string, unknown>> {
  if (text === undefined || text === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A text field of upstream JSON; a finite number counts as its digits (some sources log `"statusCode": 403`). */
export function stringField(record: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const value = record[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
