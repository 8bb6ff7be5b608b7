/**
 * An immutable snapshot of the service-node list: every node, the valid swarms (id →
 * members sorted by key), and the chain facts that come with it (height, block hash, hardfork).
 * Account → swarm uses core's ring rule (session-network.md §6.2).
 */
import { INVALID_SWARM_ID, selectSwarm, swarmSpace } from '@hush/core';
import type { SwarmMember } from '../rpc/context.ts';

export type NodeRecord = SwarmMember;

export interface ViewMeta {
  readonly height: number;
  readonly blockHash: string;
  readonly hf: readonly [number, number];
}

export interface SwarmView extends ViewMeta {
  readonly nodes: readonly NodeRecord[];
  /** Valid swarms only (not the unassigned id), members sorted by Ed25519 key. */
  readonly swarms: ReadonlyMap<bigint, readonly NodeRecord[]>;
  /** Sorted valid swarm ids. */
  readonly swarmIds: readonly bigint[];
  readonly byEd25519: ReadonlyMap<string, NodeRecord>;
}

export function buildSwarmView(nodes: readonly NodeRecord[], meta: ViewMeta): SwarmView {
  const byEd25519 = new Map<string, NodeRecord>();
  for (const n of nodes) byEd25519.set(n.ed25519Hex, n);
  const swarms = new Map<bigint, NodeRecord[]>();
  for (const n of byEd25519.values()) {
    if (n.swarmId === INVALID_SWARM_ID) continue;
    const list = swarms.get(n.swarmId) ?? [];
    list.push(n);
    swarms.set(n.swarmId, list);
  }
  for (const list of swarms.values()) list.sort((a, b) => (a.ed25519Hex < b.ed25519Hex ? -1 : 1));
  const swarmIds = [...swarms.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { ...meta, nodes: [...byEd25519.values()], swarms, swarmIds, byEd25519 };
}

/** The swarm owning an account (33 bytes), or null when there are no swarms. */
export function ownerSwarm(view: SwarmView, account: Uint8Array): bigint | null {
  if (view.swarmIds.length === 0) return null;
  return selectSwarm(swarmSpace(account), view.swarmIds);
}

/** The swarm a node is in, or null (unknown node or not assigned). */
export function swarmOf(view: SwarmView, ed25519Hex: string): bigint | null {
  const n = view.byEd25519.get(ed25519Hex);
  return n === undefined || n.swarmId === INVALID_SWARM_ID ? null : n.swarmId;
}

export function swarmMembers(view: SwarmView, id: bigint | null): readonly NodeRecord[] {
  return id === null ? [] : (view.swarms.get(id) ?? []);
}

/** Same membership and swarms (ignores height/hash). */
export function sameMembership(a: SwarmView, b: SwarmView): boolean {
  if (a.nodes.length !== b.nodes.length) return false;
  for (const n of a.nodes) {
    const m = b.byEd25519.get(n.ed25519Hex);
    if (m === undefined || m.swarmId !== n.swarmId || m.ip !== n.ip || m.port !== n.port || m.x25519Hex !== n.x25519Hex) return false;
  }
  return true;
}
