/**
 * Moving data when swarms change (session-network.md §6.5; SS on_swarm_update, relay_messages).
 * For every unexpired message this node was responsible for under the previous view (its owner
 * swarm was ours), the targets are the members of its owner swarm under the new view that were
 * not members of its owner swarm under the previous view (they got it by fan-out) — so:
 * new members of our swarm get everything of our swarm; messages whose account now maps to
 * another (new) swarm go to that swarm; if our swarm dissolved, everything goes to its new owner.
 * Transitions are processed one at a time; those arriving during a push are merged.
 */
import type { Logger } from '../log/logger.ts';
import { LIMITS } from '../limits.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { ReadQueries, StoredRow } from '../storage/read-queries.ts';
import { ownerSwarm, swarmMembers, swarmOf, type NodeRecord, type SwarmView } from '../swarm/swarm-view.ts';
import { encodePushMessage, SWARM_PUSH_PATH } from './push-format.ts';
import type { PeerClient } from './peer-client.ts';

export interface SwarmPusherOptions {
  readonly me: string;
  readonly store: Pick<ReadQueries, 'scan'>;
  readonly client: PeerClient;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
}

export interface SwarmPusher {
  /** Queue a transition (membership listener). */
  onChange(previous: SwarmView | null, next: SwarmView): void;
  /** Resolves when no push is running or queued. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

interface Batch {
  readonly node: NodeRecord;
  items: string[];
  bytes: number;
}

/** Targets of one message under a transition; empty when we were not responsible. */
function targetsFor(prev: SwarmView, next: SwarmView, me: string, owner: Uint8Array): NodeRecord[] {
  const mineBefore = swarmOf(prev, me);
  const ownerBefore = ownerSwarm(prev, owner);
  if (mineBefore === null || ownerBefore !== mineBefore) return [];
  const had = new Set(swarmMembers(prev, ownerBefore).map((n) => n.ed25519Hex));
  return swarmMembers(next, ownerSwarm(next, owner)).filter((n) => n.ed25519Hex !== me && !had.has(n.ed25519Hex));
}

export function createSwarmPusher(o: SwarmPusherOptions): SwarmPusher {
  let pending: { prev: SwarmView; next: SwarmView } | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const send = async (batch: Batch): Promise<void> => {
    if (batch.items.length === 0) return;
    const body = Buffer.from(`{"messages":[${batch.items.join(',')}]}`);
    const count = batch.items.length;
    batch.items = [];
    batch.bytes = 0;
    for (let attempt = 1; attempt <= LIMITS.pushAttempts && !stopped; attempt++) {
      try {
        const reply = await o.client.post(batch.node, SWARM_PUSH_PATH, body, LIMITS.pushTimeoutMs);
        if (reply.status === 200) {
          o.metrics.pushedMessages.inc({}, count);
          return;
        }
        o.logger.warn('push_rejected', { peer: batch.node.ed25519Hex, status: reply.status, reason: reply.body.toString('utf8').slice(0, 300) });
      } catch (err) {
        o.logger.warn('push_failed', { peer: batch.node.ed25519Hex, attempt, error: err });
      }
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
    o.metrics.replicationFailures.inc({ peer: batch.node.ed25519Hex, kind: 'push' });
  };

  const add = async (batches: Map<string, Batch>, node: NodeRecord, row: StoredRow): Promise<void> => {
    let b = batches.get(node.ed25519Hex);
    if (b === undefined) batches.set(node.ed25519Hex, (b = { node, items: [], bytes: 0 }));
    const item = JSON.stringify(encodePushMessage(row));
    if (b.items.length >= LIMITS.pushBatchMessages || b.bytes + item.length > LIMITS.pushBatchBytes) await send(b);
    b.items.push(item);
    b.bytes += item.length + 1;
  };

  const push = async (prev: SwarmView, next: SwarmView): Promise<void> => {
    const batches = new Map<string, Batch>();
    const cache = new Map<string, NodeRecord[]>();
    let afterId = 0;
    let scanned = 0;
    while (!stopped) {
      const rows = o.store.scan(afterId, o.clock(), LIMITS.scanPageRows);
      if (rows.length === 0) break;
      afterId = rows[rows.length - 1]!.id;
      for (const row of rows) {
        const key = Buffer.from(row.owner).toString('hex');
        let targets = cache.get(key);
        if (targets === undefined) {
          if (cache.size > 50_000) cache.clear();
          cache.set(key, (targets = targetsFor(prev, next, o.me, row.owner)));
        }
        for (const t of targets) await add(batches, t, row);
      }
      scanned += rows.length;
    }
    for (const b of batches.values()) await send(b);
    o.logger.info('swarm_push_done', { scanned, targets: batches.size, height: next.height });
  };

  const drain = async (): Promise<void> => {
    while (pending !== undefined && !stopped) {
      const { prev, next } = pending;
      pending = undefined;
      try {
        await push(prev, next);
      } catch (err) {
        o.logger.error('swarm_push_error', { error: err });
      }
    }
    running = undefined;
  };

  return {
    onChange(previous, next) {
      if (previous === null || stopped) return;
      pending = { prev: pending?.prev ?? previous, next };
      running ??= drain();
    },
    idle: async () => {
      while (running !== undefined) await running;
    },
    async stop() {
      stopped = true;
      pending = undefined;
      await running;
    },
  };
}
