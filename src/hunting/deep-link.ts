import { gzipSync } from 'node:zlib';

/**
 * Link that opens the exact query in Defender advanced hunting. Not officially documented: the
 * portal takes base64url(gzip(UTF-16LE query text)).
 */
export function defenderHuntingLink(query: string, windowMs: number, portalUrl = 'https://security.microsoft.com'): string {
  const encoded = gzipSync(Buffer.from(query, 'utf16le')).toString('base64url');
  const day = 86_400_000;
  const range = windowMs <= day ? 'day' : windowMs <= 7 * day ? 'week' : 'month';
  return `${portalUrl}/v2/advanced-hunting?query=${encoded}&timeRangeId=${range}`;
}
