import { mentionOf } from '../../src/cards/mention';
import type { Principal } from '../../src/directory/principal';

/**
 * The mention's name is the one piece of directory text that lands in markdown (a TextBlock, and
 * the escalation post's message text). Anyone who can name an account (a guest, an app
 * registration) picks that text, so each hostile shape is tried here, not only the happy path.
 */
const ID = '2a6f0c1e-8b3d-4e7a-9f21-5c4d3b2a1e0f';
const user = (displayName: string): Principal => ({ kind: 'user', id: ID, displayName });
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('mentionOf', () => {
  test.each([
    ['a plain name', 'Adele Vance', '<at>Adele Vance</at>'],
    ['letters of any script and apostrophes', "Ådele O'Brien-Vänce", "<at>Ådele O'Brien-Vänce</at>"],
    ['a nested mention tag', '<at>Megan</at>', '<at>at Megan at</at>'],
    ['template syntax', '${mentionText}', '<at>mentionText</at>'],
    ["Teams' date function", '{{DATE(2024-01-01T00:00:00Z, SHORT)}}', '<at>DATE 2024-01-01T00 00 00Z SHORT</at>'],
    ['a markdown link', '[click here](https://evil.example)', '<at>click here https evil.example</at>'],
    ['markdown emphasis', '**Adele** _Vance_', '<at>Adele Vance</at>'],
    ['a line break', 'Adele\nVance', '<at>Adele Vance</at>'],
    ['a right-to-left override', 'Adele\u202eecnaV', '<at>Adele ecnaV</at>'],
  ])('%s', (_name, displayName, text) => {
    const m = mentionOf(user(displayName));
    expect(m?.text).toBe(text);
    expect(m?.entity).toEqual({ type: 'mention', text, mentioned: { id: ID, name: text.slice(4, -5) } });
  });

  test('a long name is cut at 64 characters, never inside a letter outside the BMP', () => {
    const m = mentionOf(user(`a${'𝐀'.repeat(80)}`));
    expect(m?.text).toMatch(/^<at>a(𝐀)+<\/at>$/);
    expect(LONE_SURROGATE.test(m?.text ?? '')).toBe(false);
    expect(Array.from(m?.entity.mentioned.name ?? '')).toHaveLength(64);
  });

  test('nobody to mention: applications, unknown principals, names of symbols only', () => {
    expect(mentionOf({ kind: 'servicePrincipal', id: ID, displayName: 'sp-backup' })).toBeUndefined();
    expect(mentionOf(undefined)).toBeUndefined();
    expect(mentionOf(user('🔥🔥 ** ##'))).toBeUndefined();
  });
});
