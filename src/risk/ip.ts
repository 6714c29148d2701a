import { isIPv4, isIPv6 } from 'node:net';

/**
 * What "the same IP" means for novelty: one key per address as a network would be recognised.
 * - IPv4: the address ("203.0.113.5"; a trailing ":port" dropped).
 * - IPv6: its /64, the customary size of one site or subscriber. Clients change the lower 64 bits
 *   on their own (privacy addresses rotate at least daily), and one address has many spellings
 *   (2001:db8::1 = 2001:0db8:0:0::1), so comparing text would call a person's usual network new.
 * - IPv4-mapped IPv6 (::ffff:203.0.113.5): the IPv4 address.
 * Anything else is compared as text, lower case.
 */
export function ipNetwork(ip: string): string {
  // A 100,000-row history has far fewer distinct addresses than rows: each is worked out once.
  const cached = networks.get(ip);
  if (cached !== undefined) return cached;
  const network = networkOf(ip);
  if (networks.size >= MAX_CACHED) networks.clear();
  networks.set(ip, network);
  return network;
}

const networks = new Map<string, string>();
const MAX_CACHED = 50_000;

function networkOf(ip: string): string {
  const text = ip.trim().toLowerCase();
  const v4 = ipv4(text);
  if (v4 !== undefined) return v4;
  const groups = ipv6Groups(text);
  if (groups === undefined) return text;
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  const prefix = groups.slice(0, 4).map((g) => g.toString(16));
  // Shortest form of the prefix: trailing zero groups fold into the "::".
  while (prefix.length > 0 && prefix[prefix.length - 1] === '0') prefix.pop();
  return `${prefix.join(':')}::/64`;
}

/** True when the key stands for a network rather than one address (cards then name both). */
export function isNetworkKey(key: string): boolean {
  return key.endsWith('/64');
}

function ipv4(text: string): string | undefined {
  const address = /^(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?$/.exec(text)?.[1];
  if (address === undefined) return undefined;
  const canonical = address.split('.').map(Number).join('.'); // "010.0.0.1" and "10.0.0.1" are one address
  return isIPv4(canonical) ? canonical : undefined;
}

/** The eight 16-bit groups of an IPv6 address ("[…]:port" and a zone "%eth0" allowed), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  const bracketed = /^\[([^\]]+)\](?::\d{1,5})?$/.exec(text)?.[1];
  const address = (bracketed ?? text).replace(/%.*$/, '');
  if (!isIPv6(address)) return undefined;
  // A dotted IPv4 tail (::ffff:203.0.113.5) is the last two groups: rewritten as hex first.
  const hex = address.replace(/(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/, (_m, a: string, b: string, c: string, d: string) =>
    `${((Number(a) << 8) | Number(b)).toString(16)}:${((Number(c) << 8) | Number(d)).toString(16)}`,
  );
  const [head = '', tail] = hex.split('::');
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return undefined;
  return [...left, ...Array.from({ length: missing }, () => 0), ...right];
}
