/**
 * Node list from a registry / seed node: `POST <url>/json_rpc` `get_n_service_nodes` (§8.1, the
 * registry contract). The answer is trusted as a whole (it is the seed) but parsed entry by entry.
 */
import { HushError, utf8 } from '@hush/core';
import type { Transport } from '../transport/transport.ts';
import type { HttpEndpoint } from '../transport/transport.ts';
import { parseNodeListReply } from './parse-node-list-reply.ts';
import { NODE_LIST_PARAMS, type NodeSource } from './node-source.ts';

export interface RegistrySourceOptions {
  readonly url: string;
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxNodes: number;
}

export interface RegistryAddress {
  readonly endpoint: HttpEndpoint;
  /** Path prefix (no trailing slash) before `/json_rpc`. */
  readonly base: string;
}

export function parseRegistryUrl(url: unknown): RegistryAddress {
  let parsed: URL | null = null;
  try {
    parsed = typeof url === 'string' ? new URL(url) : null;
  } catch {
    parsed = null;
  }
  if (parsed === null || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.hostname === '') {
    throw new HushError('HUSH_ERR_BAD_CONFIG', 'network: expected an http(s) registry URL', { details: { field: 'network' } });
  }
  const protocol = parsed.protocol === 'https:' ? 'https' : 'http';
  const port = parsed.port === '' ? (protocol === 'https' ? 443 : 80) : Number(parsed.port);
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  return { endpoint: { protocol, host, port }, base: parsed.pathname.replace(/\/+$/, '') };
}

export function createRegistrySource(options: RegistrySourceOptions): NodeSource {
  const address = parseRegistryUrl(options.url);
  const name = `registry ${options.url}`;
  const body = utf8(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'get_n_service_nodes', params: NODE_LIST_PARAMS }));
  return {
    name,
    async fetch(signal) {
      const res = await options.transport.request({
        endpoint: address.endpoint,
        path: `${address.base}/json_rpc`,
        body,
        contentType: 'application/json',
        timeoutMs: options.timeoutMs,
        maxResponseBytes: options.maxBytes,
        signal,
      });
      if (res.status !== 200) {
        throw new HushError('HUSH_ERR_NODE_LIST', `${name}: HTTP ${res.status}`, { details: { source: name, status: res.status } });
      }
      return parseNodeListReply(res.body, name, options.maxBytes, options.maxNodes).nodes;
    },
  };
}
