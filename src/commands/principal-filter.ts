import { GUID_PATTERN } from '../util/guid';
import { INVISIBLE_CONTROLS } from '../util/text';
import { quoteForReply } from './text';
import type { Token } from './tokens';

/** Whose extractions: an object id, the asker's own, a user principal name, or a display name (the last two resolved through the directory). */
export type PrincipalFilter =
  | { readonly kind: 'id'; readonly id: string }
  | { readonly kind: 'mine' }
  | { readonly kind: 'upn'; readonly upn: string }
  | { readonly kind: 'name'; readonly name: string };

/** Entra limits display names to 256 characters; user principal names are shorter still. */
export const MAX_PRINCIPAL_TEXT = 256;

/** user@domain.tld: the characters Entra allows in a UPN's user part, a DNS domain after the @. */
const UPN_PATTERN = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** C0/C1 controls and invisible formatting characters (the same set chat text is cleaned of), unflagged: test() keeps no state. */
const CONTROL = new RegExp(INVISIBLE_CONTROLS.source);

const BY_NEEDS =
  '"by" needs a principal object id like 7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b, a user principal name like adele.vance@contoso.com, or a display name in quotes like "Adele Vance"';

export type PrincipalFilterResult = { readonly ok: true; readonly principal: PrincipalFilter } | { readonly ok: false; readonly message: string };

/** The value after `by`: a GUID, a UPN (case kept as typed), or a quoted display name. */
export function parseByValue(token: Token | undefined): PrincipalFilterResult {
  if (token === undefined) return fail(`${BY_NEEDS}.`);
  if (token.quoted) return parseDisplayName(token);
  if (GUID_PATTERN.test(token.word)) return { ok: true, principal: { kind: 'id', id: token.word } };
  if (token.text.includes('@')) {
    if (token.text.length > MAX_PRINCIPAL_TEXT) return fail(`The user principal name after "by" is longer than ${MAX_PRINCIPAL_TEXT} characters.`);
    if (UPN_PATTERN.test(token.text)) return { ok: true, principal: { kind: 'upn', upn: token.text } };
  }
  return fail(`${BY_NEEDS} (got "${quoteForReply(token.text)}").`);
}

function parseDisplayName(token: Token): PrincipalFilterResult {
  if (!token.closed) return fail(`The name after "by" has no closing quote: type it like by "Adele Vance".`);
  if (CONTROL.test(token.text)) return fail('The name after "by" contains control or invisible characters: type the display name as shown in Entra.');
  const name = token.text.replace(/\s+/g, ' ').trim();
  if (name === '') return fail('The name after "by" is empty: type a display name in quotes, like by "Adele Vance".');
  if (name.length > MAX_PRINCIPAL_TEXT) return fail(`The name after "by" is longer than ${MAX_PRINCIPAL_TEXT} characters, the longest display name Entra allows.`);
  return { ok: true, principal: { kind: 'name', name } };
}

function fail(message: string): PrincipalFilterResult {
  return { ok: false, message };
}
