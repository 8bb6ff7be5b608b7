/**
 * The servers this node relays onion requests to (`onionRelayHosts`): `host:port` entries
 * (`[v6]:port` for IPv6 literals), matched exactly, case-insensitively, against the relay
 * target's host and port. Empty (the default) means the node relays to no server at all.
 */
import type { OnionServerTarget } from '@hush/core';

const ENTRY = /^((?:[A-Za-z0-9_.-]{1,253})|(?:\[[0-9A-Fa-f:.]{2,45}\])):([0-9]{1,5})$/;

/** The canonical form of one entry, or null when it is not `host:port` with a port in 1..65535. */
export function parseRelayHost(entry: string): string | null {
  const m = ENTRY.exec(entry.trim());
  if (m === null) return null;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return null;
  return `${m[1]!.toLowerCase()}:${port}`;
}

export function relayKey(server: Pick<OnionServerTarget, 'host' | 'port'>): string {
  return `${server.host.toLowerCase()}:${server.port}`;
}

export function createRelayAllowlist(entries: readonly string[]): (server: Pick<OnionServerTarget, 'host' | 'port'>) => boolean {
  const allowed = new Set(entries.map((e) => parseRelayHost(e)).filter((e): e is string => e !== null));
  return (server) => allowed.has(relayKey(server));
}
