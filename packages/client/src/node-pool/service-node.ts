/** A service node as the client knows it: identity keys, HTTPS address, swarm. */
import type { HttpEndpoint } from '../transport/transport.ts';

export interface ServiceNode {
  /** Ed25519 public key, 64 lower-case hex: how onion layers and swarm lists name the node. */
  readonly ed25519: string;
  /** X25519 public key, 64 lower-case hex (always ed25519 converted to curve25519). */
  readonly x25519: string;
  /** The same X25519 key as bytes, for onion layers. */
  readonly x25519Key: Uint8Array;
  /** Dotted IPv4 address. */
  readonly ip: string;
  /** HTTPS storage port. */
  readonly port: number;
  /** Swarm id; INVALID_SWARM_ID (2^64 − 1) when not in a swarm. */
  readonly swarm: bigint;
}

export function nodeEndpoint(node: Pick<ServiceNode, 'ip' | 'port'>): HttpEndpoint {
  return { protocol: 'https', host: node.ip, port: node.port };
}

/** Short form for logs: the first 8 hex digits of the Ed25519 key. */
export function shortKey(ed25519: string): string {
  return ed25519.slice(0, 8);
}
