/**
 * The client's IPv4 address ("a.b.c.d"), also when it arrives IPv4-mapped on a dual-stack socket;
 * null for real IPv6 peers, which Session nodes refuse (session-network.md §2.1).
 */
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

export function clientIpv4(remoteAddress: string | undefined): string | null {
  if (remoteAddress === undefined) return null;
  const addr = remoteAddress.startsWith('::ffff:') ? remoteAddress.slice(7) : remoteAddress;
  return IPV4.test(addr) ? addr : null;
}
