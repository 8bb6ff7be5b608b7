/**
 * The status document served at GET /status on the metrics port (`hush node status` shows it):
 * who the node is, where it listens, its swarm and peers, what it stores, and request counts.
 */
import { formatSwarmId } from '@hush/core';
import type { NodeIdentity } from './identity.ts';
import type { NodeMetrics } from './metrics/node-metrics.ts';
import type { MessageStore } from './storage/message-store.ts';
import type { Membership } from './swarm/membership.ts';

export interface NodeStatus {
  readonly version: string;
  readonly storage_server_version: readonly number[];
  readonly pubkey_ed25519: string;
  readonly pubkey_x25519: string;
  readonly address: { readonly host: string; readonly port: number };
  readonly ready: boolean;
  readonly not_ready_reason: string | null;
  readonly swarm: string | null;
  readonly peers: ReadonlyArray<{ pubkey_ed25519: string; ip: string; port: number }>;
  readonly network: { readonly source: string; readonly height: number; readonly block_hash: string; readonly nodes: number; readonly swarms: number };
  readonly storage: { readonly messages: number; readonly bytes: number; readonly commit_batches: number; readonly queued_writes: number };
  readonly uptime_ms: number;
  readonly now: number;
}

export interface StatusInputs {
  readonly identity: NodeIdentity;
  readonly address: { host: string; port: number };
  readonly membership: Membership;
  readonly store: MessageStore;
  readonly metrics: NodeMetrics;
  readonly clock: () => number;
  readonly startedAt: number;
  readonly registry: string | null;
  readonly devnet: string | null;
}

export function buildNodeStatus(i: StatusInputs): NodeStatus {
  const now = i.clock();
  const view = i.membership.view();
  const mine = i.membership.mySwarm();
  const stored = i.store.stats(now);
  const commits = i.store.commitStats();
  return {
    version: '0.1.0',
    storage_server_version: [2, 8, 0],
    pubkey_ed25519: i.identity.ed25519Hex,
    pubkey_x25519: i.identity.x25519Hex,
    address: i.address,
    ready: i.membership.notReadyReason() === null,
    not_ready_reason: i.membership.notReadyReason(),
    swarm: mine === null ? null : formatSwarmId(mine),
    peers: i.membership.peers().map((p) => ({ pubkey_ed25519: p.ed25519Hex, ip: p.ip, port: p.port })),
    network: {
      source: i.registry !== null ? `registry ${i.registry}` : i.devnet !== null ? `static ${i.devnet}` : 'none',
      height: view?.height ?? 0,
      block_hash: view?.blockHash ?? '',
      nodes: view?.nodes.length ?? 0,
      swarms: view?.swarmIds.length ?? 0,
    },
    storage: { messages: stored.messages, bytes: stored.bytes, commit_batches: commits.batches, queued_writes: commits.queued },
    uptime_ms: now - i.startedAt,
    now,
  };
}
