/**
 * Which nodes hold an account (§5.3, §6.2): computed locally from the pool's swarm ids with the
 * ring rule (LSU `Network::get_swarm`), or asked of a node with `get_swarm` through an onion path
 * (DESK). A `get_swarm` answer is untrusted: members the pool knows are taken from the pool; the
 * answer's own entries are used only when the pool knows none of them.
 */
import { HushError, INVALID_SWARM_ID, parseSwarmId, swarmForPubkey } from '@hush/core';
import type { NodePool } from '../node-pool/node-pool.ts';
import { parseSwarmSnodes } from '../node-pool/parse-node-list.ts';
import type { ServiceNode } from '../node-pool/service-node.ts';
import { isPlainObject } from '../runtime/json.ts';
import { parseAccountPubkey } from './parse-account-pubkey.ts';

export interface Swarm {
  readonly id: bigint;
  readonly members: readonly ServiceNode[];
}

/** Storage RPC to one node; the client wires it to an onion request. */
export type AskNode = (node: ServiceNode, body: { method: string; params: Record<string, unknown> }, signal?: AbortSignal) => Promise<{ status: number; json: unknown }>;

/** The swarm of `pubkey` among `nodes` (ring rule over their swarm ids). */
export function swarmAmong(nodes: readonly ServiceNode[], pubkey: string): Swarm {
  const { bytes } = parseAccountPubkey(pubkey);
  const ids = [...new Set(nodes.map((n) => n.swarm))].filter((id) => id !== INVALID_SWARM_ID);
  const id = swarmForPubkey(bytes, ids);
  return { id, members: nodes.filter((n) => n.swarm === id) };
}

export function parseGetSwarmReply(json: unknown, pool: NodePool, maxNodes: number): Swarm {
  if (!isPlainObject(json)) throw new HushError('HUSH_ERR_BAD_JSON', 'get_swarm reply: expected a JSON object', { details: { field: 'get_swarm' } });
  const id = parseSwarmId(json['swarm'], 'get_swarm.swarm');
  const listed = parseSwarmSnodes(json['snodes'], json['swarm'], maxNodes).nodes;
  const known = listed.flatMap((n) => {
    const p = pool.get(n.ed25519);
    return p !== undefined && p.ip === n.ip && p.port === n.port ? [p] : [];
  });
  return { id, members: known.length > 0 ? known : listed };
}

export async function fetchSwarm(pool: NodePool, ask: AskNode, via: ServiceNode, pubkey: string, maxNodes: number, signal?: AbortSignal): Promise<Swarm> {
  const { hex } = parseAccountPubkey(pubkey);
  const reply = await ask(via, { method: 'get_swarm', params: { pubkey: hex } }, signal);
  if (reply.status !== 200) {
    throw new HushError('HUSH_ERR_BAD_JSON', `get_swarm: node answered ${reply.status}`, { details: { field: 'get_swarm', status: reply.status, node: via.ed25519 } });
  }
  return parseGetSwarmReply(reply.json, pool, maxNodes);
}
