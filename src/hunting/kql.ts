/**
 * A KQL string literal. Values reaching KQL are validated first (GUIDs, Azure names); this is the
 * second wall: a double-quoted literal with `\` and `"` escaped, and control characters refused
 * (KQL has no escape we rely on for them, and no valid value contains one).
 */
export function kqlString(value: string): string {
  if (/[\u0000-\u001f\u007f\u2028\u2029]/.test(value)) throw new Error('control characters are not allowed in a KQL literal');
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
