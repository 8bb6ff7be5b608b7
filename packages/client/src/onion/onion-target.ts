/** Where an onion request goes: a service node (storage RPC, v3 reply) or a server (v4 framing). */
import type { OnionDestination } from '@hush/core';
import type { ServiceNode } from '../node-pool/service-node.ts';

export interface OnionServer {
  /** Host name or address the last hop connects to. */
  readonly host: string;
  readonly protocol: 'http' | 'https';
  /** Default 443 (https) / 80 (http). */
  readonly port?: number;
  /** The server's X25519 public key (32 bytes). */
  readonly x25519: Uint8Array;
}

export type OnionTarget = { readonly kind: 'node'; readonly node: ServiceNode } | { readonly kind: 'server'; readonly server: OnionServer };

/** The v4 endpoint every relay accepts (§7.3 step 3). */
export const V4_TARGET = '/oxen/v4/lsrpc';

export function coreDestination(target: OnionTarget): OnionDestination {
  if (target.kind === 'node') return { type: 'snode', ed25519: target.node.ed25519, x25519: target.node.x25519Key };
  const { host, protocol, port, x25519 } = target.server;
  return { type: 'server', host, protocol, target: V4_TARGET, method: 'POST', x25519, ...(port === undefined ? {} : { port }) };
}

export function targetLabel(target: OnionTarget): string {
  return target.kind === 'node' ? target.node.ed25519 : `${target.server.protocol}://${target.server.host}${target.server.port === undefined ? '' : `:${target.server.port}`}`;
}
