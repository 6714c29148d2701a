import { ipNetwork, isNetworkKey } from '../../src/risk/ip';

/** What "the same IP" means for novelty: IPv4 addresses, IPv6 /64 networks, one key per spelling. */
describe('ipNetwork', () => {
  test.each([
    ['IPv4', '203.0.113.5', '203.0.113.5'],
    ['IPv4 with a port', '203.0.113.5:51234', '203.0.113.5'],
    ['IPv4 with leading zeros', '010.000.000.001', '10.0.0.1'],
    ['IPv6 compressed', '2001:db8:1:2::10', '2001:db8:1:2::/64'],
    ['IPv6 written out in upper case', '2001:0DB8:0001:0002:0000:0000:0000:0010', '2001:db8:1:2::/64'],
    ['IPv6 privacy address in the same /64', '2001:db8:1:2:a1b2:c3d4:e5f6:7788', '2001:db8:1:2::/64'],
    ['IPv6 with zero groups in the prefix', '2001:db8:0:0:1::', '2001:db8::/64'],
    ['IPv6 in brackets with a port', '[2001:db8::1]:443', '2001:db8::/64'],
    ['IPv6 with a zone', 'fe80::1%eth0', 'fe80::/64'],
    ['IPv4-mapped, dotted', '::ffff:203.0.113.5', '203.0.113.5'],
    ['IPv4-mapped, hex', '::FFFF:cb00:7105', '203.0.113.5'],
    ['NAT64 is IPv6', '64:ff9b::203.0.113.5', '64:ff9b::/64'],
    ['not an address: compared as text', ' Not-An-IP ', 'not-an-ip'],
    ['out of range: compared as text', '999.1.1.1', '999.1.1.1'],
  ])('%s', (_name, ip, key) => {
    expect(ipNetwork(ip)).toBe(key);
  });

  test('only IPv6 keys are networks', () => {
    expect(isNetworkKey(ipNetwork('2001:db8::1'))).toBe(true);
    expect(isNetworkKey(ipNetwork('203.0.113.5'))).toBe(false);
  });
});
