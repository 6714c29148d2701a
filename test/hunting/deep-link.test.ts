import { gunzipSync } from 'node:zlib';
import { defenderHuntingLink } from '../../src/hunting/deep-link';
import { buildHuntingRequest } from '../../src/hunting/query';

const DAY = 86_400_000;

describe('defenderHuntingLink', () => {
  test('decodes back to the exact query (base64url of gzip of UTF-16LE)', () => {
    const { query } = buildHuntingRequest({ kind: 'relative', amount: 7, unit: 'd' }, new Date('2024-08-02T12:00:00Z'));
    const url = new URL(defenderHuntingLink(query, 7 * DAY));
    expect(url.origin + url.pathname).toBe('https://security.microsoft.com/v2/advanced-hunting');
    const encoded = url.searchParams.get('query') ?? '';
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/); // base64url: nothing to escape in a URL
    expect(gunzipSync(Buffer.from(encoded, 'base64url')).toString('utf16le')).toBe(query);
  });

  test('non-ASCII survives the round trip', () => {
    const query = '// Überwachung — 秘密\nCloudAuditEvents | take 1';
    const encoded = new URL(defenderHuntingLink(query, DAY)).searchParams.get('query') ?? '';
    expect(gunzipSync(Buffer.from(encoded, 'base64url')).toString('utf16le')).toBe(query);
  });

  test.each([
    [DAY / 24, 'day'],
    [DAY, 'day'],
    [7 * DAY, 'week'],
    [30 * DAY, 'month'],
  ])('a %d ms window opens the portal on timeRangeId=%s', (ms, range) => {
    expect(new URL(defenderHuntingLink('x', ms)).searchParams.get('timeRangeId')).toBe(range);
  });
});

test('links go to the configured cloud’s Defender portal', () => {
  expect(defenderHuntingLink('x', DAY, 'https://security.microsoft.us')).toMatch(/^https:\/\/security\.microsoft\.us\/v2\/advanced-hunting\?query=/);
});
