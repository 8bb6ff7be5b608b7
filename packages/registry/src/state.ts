/**
 * The registry's state machine, free of I/O: known nodes, when each was last heard from, swarm
 * assignment, and the current "block" (height + hash). Time comes in as arguments.
 *
 * A new block is made whenever the listed state changes: a node joins or is dropped (swarms are
 * then recomputed with core's assignSwarms, seeded from the previous block hash) or a known node
 * announces a new address. Re-announcing the same address only refreshes its liveness, so the
 * snapshot (and anything cached from it) stays the same object between blocks.
 */
import { HushError, UNASSIGNED_SWARM_ID, assignSwarms } from '@hush/core';
import type { AnnounceFields } from './announce-message.ts';
import { genesisBlockHash, nextBlockHash, seedFromBlockHash } from './block-hash.ts';
import { MAX_NODES } from './limits.ts';
import type { NodeAddress } from './parse-announce.ts';

export interface NodeRecord extends NodeAddress {
  /** UNASSIGNED_SWARM_ID only transiently, never in a snapshot. */
  readonly swarmId: bigint;
}

export interface RegistrySnapshot {
  readonly height: number;
  /** Lowercase hex, 64 characters. */
  readonly blockHash: string;
  /** Sorted by Ed25519 key. */
  readonly nodes: readonly NodeRecord[];
}

export interface AnnounceResult {
  readonly height: number;
  readonly swarmId: bigint;
}

export interface RegistryStateOptions {
  readonly expiryMs: number;
  readonly maxNodes?: number;
  /** State to resume from (e.g. loaded from disk); its nodes count as heard from at `now`. */
  readonly initial?: RegistrySnapshot;
  /** Required with `initial`. */
  readonly now?: number;
}

export interface RegistryState {
  /** Records an already verified announce. Throws HushError for an out-of-order or surplus node. */
  announce(fields: AnnounceFields, now: number): AnnounceResult;
  /** Drops nodes silent for longer than `expiryMs`; returns how many were dropped. */
  expire(now: number): number;
  /** The current block; the same object until the next block. */
  snapshot(): RegistrySnapshot;
}

interface Liveness {
  /** Registry clock (ms) when the node was last heard from. */
  readonly lastSeen: number;
  /** The node's own timestamp on its latest accepted announce (ms). */
  readonly lastTimestamp: number;
}

function freeze(height: number, blockHash: string, nodes: ReadonlyMap<string, NodeRecord>): RegistrySnapshot {
  const sorted = [...nodes.values()].sort((a, b) => (a.pubkeyEd25519 < b.pubkeyEd25519 ? -1 : 1));
  return Object.freeze({ height, blockHash, nodes: Object.freeze(sorted.map((n) => Object.freeze({ ...n }))) });
}

function outOfOrder(): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', "timestamp: older than this node's last announce", { details: { field: 'timestamp' } });
}

function full(maxNodes: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `registry is full (${maxNodes} nodes)`, { details: { field: 'registry', max: maxNodes } });
}

export function createRegistryState(options: RegistryStateOptions): RegistryState {
  const maxNodes = options.maxNodes ?? MAX_NODES;
  const nodes = new Map<string, NodeRecord>();
  const liveness = new Map<string, Liveness>();
  if (options.initial !== undefined && options.now === undefined) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'now: required when resuming from a saved state', { details: { field: 'now' } });
  }
  for (const node of options.initial?.nodes ?? []) {
    nodes.set(node.pubkeyEd25519, { ...node });
    liveness.set(node.pubkeyEd25519, { lastSeen: options.now!, lastTimestamp: 0 });
  }
  let current = freeze(options.initial?.height ?? 0, options.initial?.blockHash ?? genesisBlockHash(), nodes);

  const newBlock = (): void => {
    const height = current.height + 1;
    current = freeze(height, nextBlockHash(height, current.blockHash, [...nodes.values()]), nodes);
  };

  const reassign = (): void => {
    const assigned = new Map([...nodes.values()].map((n) => [n.pubkeyEd25519, n.swarmId] as const));
    const next = assignSwarms(assigned, [...nodes.keys()], seedFromBlockHash(current.blockHash));
    for (const [key, swarmId] of next) nodes.set(key, { ...nodes.get(key)!, swarmId });
    newBlock();
  };

  const announce = (fields: AnnounceFields, now: number): AnnounceResult => {
    const key = fields.pubkeyEd25519;
    const existing = nodes.get(key);
    if (existing !== undefined && fields.timestamp < liveness.get(key)!.lastTimestamp) throw outOfOrder();
    if (existing === undefined && nodes.size >= maxNodes) throw full(maxNodes);
    liveness.set(key, { lastSeen: now, lastTimestamp: fields.timestamp });
    const { publicIp, storagePort, pubkeyX25519 } = fields;
    if (existing === undefined) {
      nodes.set(key, { pubkeyEd25519: key, pubkeyX25519, publicIp, storagePort, swarmId: UNASSIGNED_SWARM_ID });
      reassign();
    } else if (existing.publicIp !== publicIp || existing.storagePort !== storagePort) {
      nodes.set(key, { ...existing, publicIp, storagePort });
      newBlock();
    }
    return { height: current.height, swarmId: nodes.get(key)!.swarmId };
  };

  const expire = (now: number): number => {
    let dropped = 0;
    for (const [key, live] of liveness) {
      if (now - live.lastSeen <= options.expiryMs) continue;
      liveness.delete(key);
      nodes.delete(key);
      dropped += 1;
    }
    if (dropped > 0) reassign();
    return dropped;
  };

  return { announce, expire, snapshot: () => current };
}
