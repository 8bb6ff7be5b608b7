/**
 * Node list from Session-compatible nodes given by address only: storage RPC `oxend_request` →
 * `get_service_nodes` sent directly (there is no path yet) to up to `count` of them at random; the
 * answers that arrive are intersected (§8.3), so one lying seed cannot add nodes.
 */
import { HushError, utf8 } from '@hush/core';
import type { Random } from '../runtime/random.ts';
import { shuffled } from '../runtime/random.ts';
import type { Transport } from '../transport/transport.ts';
import { intersectNodeLists } from './intersect-node-lists.ts';
import { NODE_LIST_PARAMS, type NodeSource } from './node-source.ts';
import { parseNodeListReply } from './parse-node-list-reply.ts';
import type { ServiceNode } from './service-node.ts';

export interface SeedAddress {
  readonly ip: string;
  readonly port: number;
}

export interface SeedNodesSourceOptions {
  readonly seeds: readonly SeedAddress[];
  readonly transport: Transport;
  readonly random: Random;
  readonly count: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxNodes: number;
}

const BODY = utf8(JSON.stringify({ method: 'oxend_request', params: { endpoint: 'get_service_nodes', params: NODE_LIST_PARAMS } }));

async function askSeed(o: SeedNodesSourceOptions, seed: SeedAddress, signal: AbortSignal): Promise<ServiceNode[]> {
  const name = `seed node ${seed.ip}:${seed.port}`;
  const res = await o.transport.request({
    endpoint: { protocol: 'https', host: seed.ip, port: seed.port },
    path: '/storage_rpc/v1',
    body: BODY,
    contentType: 'application/json',
    timeoutMs: o.timeoutMs,
    maxResponseBytes: o.maxBytes,
    signal,
  });
  if (res.status !== 200) throw new HushError('HUSH_ERR_NODE_LIST', `${name}: HTTP ${res.status}`, { details: { source: name, status: res.status } });
  return parseNodeListReply(res.body, name, o.maxBytes, o.maxNodes).nodes;
}

export function createSeedNodesSource(options: SeedNodesSourceOptions): NodeSource {
  const name = `seed nodes (${options.seeds.length})`;
  return {
    name,
    async fetch(signal) {
      const asked = shuffled(options.random, options.seeds).slice(0, options.count);
      const settled = await Promise.allSettled(asked.map((seed) => askSeed(options, seed, signal)));
      const lists = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      if (lists.length === 0) {
        const first = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
        throw new HushError('HUSH_ERR_NODE_LIST', `${name}: no seed node answered`, { details: { source: name, asked: asked.length }, cause: first?.reason });
      }
      return intersectNodeLists(lists);
    },
  };
}
