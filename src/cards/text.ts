import type { Role } from '../decisions/decision';
import { INVISIBLE_CONTROLS, truncate } from '../util/text';

/**
 * Text from data (upstream rows, user names, user input) before it goes into a card. Cards show
 * such text only in TextRun elements, which Adaptive Cards never parse as markdown; here we also
 * neutralise Teams' `{{DATE()}}` functions and template syntax `${…}` with a zero-width space,
 * collapse line breaks and bound the length so one field cannot blow the message size.
 */
export function dataText(value: string | undefined, max = 300): string {
  if (value === undefined) return '';
  const flat = value
    .replace(INVISIBLE_CONTROLS, ' ')
    .replace(/\$\{/g, '$\u200b{')
    .replace(/\{\{/g, '{\u200b{')
    .trim();
  return truncate(flat, max);
}

/** Card timestamps: Teams' DATE()/TIME() functions want RFC 3339 without fractional seconds. */
export function cardTime(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * How a decider's role reads on a card: "actor" is our word for the principal answering for their
 * own extraction, which must not read as an admission ("Not me" … by "the admin who did it").
 */
function roleLabel(role: Role | undefined): string {
  return role === 'actor' ? 'the account holder' : role === 'analyst' ? 'analyst' : '';
}

/** "Name (role)", or the name alone for records made before roles existed. */
export function deciderText(name: string, role: Role | undefined): string {
  const label = roleLabel(role);
  return label === '' ? name : `${name} (${label})`;
}
