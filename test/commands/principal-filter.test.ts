import { parseByValue } from '../../src/commands/principal-filter';
import { tokenize, type Token } from '../../src/commands/tokens';

describe('tokenize', () => {
  test('words are lower-cased for matching and kept as typed; a quoted string is one token', () => {
    expect(tokenize('Secrets BY "Adele Vance" Top 5')).toEqual([
      { word: 'secrets', text: 'Secrets', quoted: false, closed: true },
      { word: 'by', text: 'BY', quoted: false, closed: true },
      { word: '"adele vance"', text: 'Adele Vance', quoted: true, closed: true },
      { word: 'top', text: 'Top', quoted: false, closed: true },
      { word: '5', text: '5', quoted: false, closed: true },
    ]);
  });
  test('curly quotes, a missing closing quote, a quote inside a word', () => {
    expect(tokenize('by \u201cO\u2019Brien\u201d')[1]).toMatchObject({ text: 'O\u2019Brien', quoted: true, closed: true });
    expect(tokenize('by "Adele Vance top 5')[1]).toEqual({ word: '"adele vance top 5', text: 'Adele Vance top 5', quoted: true, closed: false });
    expect(tokenize('secrets"; drop')).toEqual([
      { word: 'secrets";', text: 'secrets";', quoted: false, closed: true },
      { word: 'drop', text: 'drop', quoted: false, closed: true },
    ]);
    expect(tokenize('')).toEqual([]);
  });
});

describe('parseByValue (the value after "by")', () => {
  const quoted = (text: string, closed = true): Token => ({ word: `"${text.toLowerCase()}"`, text, quoted: true, closed });
  const word = (text: string): Token => ({ word: text.toLowerCase(), text, quoted: false, closed: true });

  test('object ids (lower-cased), user principal names (as typed), names (spaces collapsed)', () => {
    expect(parseByValue(word('7C3E5A9B-1D2F-4A6C-8E0B-3F5D7A9C1E2B'))).toEqual({ ok: true, principal: { kind: 'id', id: '7c3e5a9b-1d2f-4a6c-8e0b-3f5d7a9c1e2b' } });
    expect(parseByValue(word("Conor.O'Brien+ops@Contoso.co.uk"))).toEqual({ ok: true, principal: { kind: 'upn', upn: "Conor.O'Brien+ops@Contoso.co.uk" } });
    expect(parseByValue(quoted(' Adele   Vance '))).toEqual({ ok: true, principal: { kind: 'name', name: 'Adele Vance' } });
  });

  test.each([
    ['control character', quoted('Adele\u0007Vance'), /control or invisible characters/],
    ['newline', quoted('Adele\nVance'), /control or invisible characters/],
    ['bidi override', quoted('Adele\u202eecnaV'), /control or invisible characters/],
    ['zero-width space', quoted('Adele\u200bVance'), /control or invisible characters/],
    ['unterminated', quoted('Adele Vance', false), /no closing quote/],
    ['empty', quoted(''), /is empty/],
    ['over-long', quoted('x'.repeat(257)), /longer than 256/],
    ['nothing at all', undefined, /^"by" needs a principal object id .*"Adele Vance"\.$/],
    ['a domain-less address', word('adele@contoso'), /\(got "adele@contoso"\)/],
  ])('%s is refused', (_what, token, message) => {
    const r = parseByValue(token);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});
