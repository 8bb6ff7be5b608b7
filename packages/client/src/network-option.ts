/**
 * `network` in createOnionClient: a registry URL (`http(s)://…`), a devnet.json path, or a list of
 * Session-compatible nodes `{ip, port}` to bootstrap from (`oxend_request`). Turned into a NodeSource.
 */
import { HushError } from '@hush/core';
import type { ClientLimits } from './limits.ts';
import { createDevnetFileSource } from './node-pool/devnet-file-source.ts';
import type { NodeSource } from './node-pool/node-source.ts';
import { parseIpv4, parsePort } from './node-pool/parse-service-node.ts';
import { createRegistrySource } from './node-pool/registry-source.ts';
import { createSeedNodesSource, type SeedAddress } from './node-pool/seed-nodes-source.ts';
import { isPlainObject } from './runtime/json.ts';
import type { Random } from './runtime/random.ts';
import type { Transport } from './transport/transport.ts';

export type NetworkOption =
  | string
  | { readonly registry: string }
  | { readonly devnetFile: string }
  | readonly { readonly ip: string; readonly port: number }[];

export interface SourceDeps {
  readonly transport: Transport;
  readonly random: Random;
  readonly limits: Pick<ClientLimits, 'nodeListTimeoutMs' | 'maxNodeListBytes' | 'maxPoolNodes' | 'seedNodeCount'>;
}

function badNetwork(message: string): HushError {
  return new HushError('HUSH_ERR_BAD_CONFIG', `network: ${message}`, { details: { field: 'network' } });
}

function parseSeeds(list: readonly unknown[]): SeedAddress[] {
  const seeds = list.flatMap((e) => {
    const ip = isPlainObject(e) ? parseIpv4(e['ip']) : null;
    const port = isPlainObject(e) ? parsePort(e['port']) : null;
    return ip === null || port === null ? [] : [{ ip, port }];
  });
  if (seeds.length === 0) throw badNetwork('no node in the list has a valid ip and port');
  return seeds;
}

export function nodeSourceFor(network: NetworkOption, deps: SourceDeps): NodeSource {
  const common = { transport: deps.transport, timeoutMs: deps.limits.nodeListTimeoutMs, maxBytes: deps.limits.maxNodeListBytes, maxNodes: deps.limits.maxPoolNodes };
  if (Array.isArray(network)) return createSeedNodesSource({ ...common, seeds: parseSeeds(network), random: deps.random, count: deps.limits.seedNodeCount });
  if (typeof network === 'string' && network.length > 0) {
    if (/^https?:\/\//i.test(network)) return createRegistrySource({ ...common, url: network });
    return createDevnetFileSource({ ...common, path: network });
  }
  const o: unknown = network;
  if (isPlainObject(o) && typeof o['registry'] === 'string') return createRegistrySource({ ...common, url: o['registry'] });
  if (isPlainObject(o) && typeof o['devnetFile'] === 'string') return createDevnetFileSource({ ...common, path: o['devnetFile'] });
  throw badNetwork('expected a registry URL, a devnet.json path, or a list of {ip, port}');
}
