/**
 * A storage RPC call to an account's swarm, with the 421 flow of §7.6 (LSU): the request goes to
 * a random member of the swarm computed from the pool; on a first 421 it is retried on another
 * member; on a second, the node list is refreshed and the swarm recomputed before one more try;
 * a third fails with HUSH_ERR_WRONG_SWARM. A member that cannot be reached (destination not
 * found / not ready, or no path avoids it) is skipped for another, up to `maxDestinations`.
 */
import { HushError, isHushError } from '@hush/core';
import type { NodePool } from '../node-pool/node-pool.ts';
import type { ServiceNode } from '../node-pool/service-node.ts';
import type { NodeReply } from '../onion/onion-replies.ts';
import type { Random } from '../runtime/random.ts';
import { pick } from '../runtime/random.ts';
import { swarmAmong, type Swarm } from './swarm-resolver.ts';

export interface SwarmRequestDeps {
  readonly pool: NodePool;
  readonly random: Random;
  readonly send: (node: ServiceNode, signal?: AbortSignal) => Promise<NodeReply>;
  readonly max421: number;
  readonly maxDestinations: number;
}

export interface SwarmReply {
  readonly node: ServiceNode;
  readonly swarm: Swarm;
  readonly reply: NodeReply;
}

/** True when the failure is about reaching this destination, so another swarm member may work. */
export function isDestinationFailure(err: unknown, node: ServiceNode): boolean {
  if (isHushError(err, 'HUSH_ERR_NO_PATH')) return true;
  return isHushError(err, 'HUSH_ERR_ONION_HOP_FAILED') && err.details['node'] === node.ed25519 && err.details['hop'] !== 0;
}

function wrongSwarm(pubkey: string, count: number, tried: ReadonlySet<string>): HushError {
  return new HushError('HUSH_ERR_WRONG_SWARM', `no swarm member accepted ${pubkey.slice(0, 10)}… (${count}× 421)`, {
    details: { pubkey, answers421: count, tried: [...tried] },
  });
}

export async function requestSwarm(deps: SwarmRequestDeps, pubkey: string, signal?: AbortSignal): Promise<SwarmReply> {
  let swarm = swarmAmong(deps.pool.usable(), pubkey);
  const tried = new Set<string>();
  let count421 = 0;
  let unreachable = 0;
  for (;;) {
    const node = pick(deps.random, swarm.members.filter((m) => !tried.has(m.ed25519) && !deps.pool.isStruckOut(m.ed25519)));
    if (node === undefined && count421 === 1) {
      count421++; // nobody left to ask in the cached swarm: go straight to the refresh step
      await deps.pool.refresh(signal === undefined ? {} : { signal });
      swarm = swarmAmong(deps.pool.usable(), pubkey);
      continue;
    }
    if (node === undefined) throw count421 > 0 ? wrongSwarm(pubkey, count421, tried) : noMember(pubkey, swarm, tried);
    tried.add(node.ed25519);
    let reply: NodeReply;
    try {
      reply = await deps.send(node, signal);
    } catch (err) {
      if (isDestinationFailure(err, node) && ++unreachable < deps.maxDestinations) continue;
      throw err;
    }
    if (reply.status !== 421) return { node, swarm, reply };
    if (++count421 > deps.max421) throw wrongSwarm(pubkey, count421, tried);
    if (count421 === 2) {
      await deps.pool.refresh(signal === undefined ? {} : { signal });
      swarm = swarmAmong(deps.pool.usable(), pubkey);
    }
  }
}

function noMember(pubkey: string, swarm: Swarm, tried: ReadonlySet<string>): HushError {
  return new HushError('HUSH_ERR_NO_PATH', `no reachable member in the swarm of ${pubkey.slice(0, 10)}…`, {
    details: { pubkey, swarm: swarm.id.toString(16), members: swarm.members.length, tried: [...tried] },
  });
}
