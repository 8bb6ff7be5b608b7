/**
 * The node pool (§8): the list of service nodes the client chooses guards, hops and swarm members
 * from, with per-node failure counts. Loaded from the seed source on start; refreshed on a timer
 * and on demand — from `refreshNodeCount` pool nodes (answers intersected, §8.3) when the pool is
 * big enough and a way to ask nodes is wired in, else (or when they disagree) from the seed.
 * Concurrent refreshes share one run.
 */
import { HushError } from '@hush/core';
import type { ClientLimits } from '../limits.ts';
import type { Clock } from '../runtime/clock.ts';
import { untilAborted } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { Random } from '../runtime/random.ts';
import { shuffled } from '../runtime/random.ts';
import { intersectNodeLists } from './intersect-node-lists.ts';
import type { NodeSource } from './node-source.ts';
import type { ServiceNode } from './service-node.ts';

export type NodePoolLimits = Pick<
  ClientLimits,
  'nodeRefreshIntervalMs' | 'minPoolForNodeRefresh' | 'refreshNodeCount' | 'nodeFailureThreshold' | 'nodeListTimeoutMs'
>;

export interface NodePoolOptions {
  readonly source: NodeSource;
  readonly clock: Clock;
  readonly random: Random;
  readonly logger: ClientLogger;
  readonly limits: NodePoolLimits;
  /** Asks one pool node for its node list (the client sends `oxend_request` through an onion path). */
  readonly fetchFromNode?: (node: ServiceNode, signal: AbortSignal) => Promise<ServiceNode[]>;
}

export interface RefreshOptions {
  readonly signal?: AbortSignal;
  /** Skip asking pool nodes and take the seed's list. */
  readonly fromSeed?: boolean;
}

export interface NodePool {
  start(signal?: AbortSignal): Promise<void>;
  stop(): void;
  all(): readonly ServiceNode[];
  /** Nodes below the failure threshold. */
  usable(): readonly ServiceNode[];
  get(ed25519: string): ServiceNode | undefined;
  refresh(options?: RefreshOptions): Promise<void>;
  /** Counts a failure (`force`: straight to the threshold); true when the node is now struck out. */
  recordFailure(ed25519: string, force?: boolean): boolean;
  isStruckOut(ed25519: string): boolean;
  /** Failures counted since the list was last replaced. */
  failureCount(ed25519: string): number;
  /** Bumped every time the list is replaced. */
  version(): number;
}

export function createNodePool(options: NodePoolOptions): NodePool {
  const { limits, logger } = options;
  let nodes: readonly ServiceNode[] = [];
  let byKey = new Map<string, ServiceNode>();
  const failures = new Map<string, number>();
  let listVersion = 0;
  let inflight: Promise<void> | undefined;
  let cancelTimer: (() => void) | undefined;
  let lifetime = new AbortController();

  const isStruckOut = (ed: string): boolean => (failures.get(ed) ?? 0) >= limits.nodeFailureThreshold;
  const usable = (): ServiceNode[] => nodes.filter((n) => !isStruckOut(n.ed25519));

  function replace(list: readonly ServiceNode[], from: string): void {
    if (list.length === 0) throw new HushError('HUSH_ERR_NODE_LIST', `${from}: the node list is empty`, { details: { source: from } });
    nodes = list;
    byKey = new Map(list.map((n) => [n.ed25519, n]));
    failures.clear();
    listVersion++;
    logger.info('node_pool_replaced', { source: from, nodes: list.length, version: listVersion });
  }

  async function fromNodes(fetchFromNode: NonNullable<NodePoolOptions['fetchFromNode']>, signal: AbortSignal): Promise<ServiceNode[] | null> {
    const asked = shuffled(options.random, usable()).slice(0, limits.refreshNodeCount);
    const settled = await Promise.allSettled(asked.map((n) => fetchFromNode(n, signal)));
    const lists = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (lists.length < asked.length) {
      logger.warn('node_refresh_partial', { asked: asked.length, answered: lists.length });
      return null;
    }
    const common = intersectNodeLists(lists);
    return common.length >= limits.minPoolForNodeRefresh ? common : null;
  }

  async function run(fromSeed: boolean): Promise<void> {
    const signal = AbortSignal.any([lifetime.signal, AbortSignal.timeout(limits.nodeListTimeoutMs * 2)]);
    const ask = options.fetchFromNode;
    if (!fromSeed && ask !== undefined && usable().length >= limits.minPoolForNodeRefresh) {
      const common = await fromNodes(ask, signal).catch((err: unknown) => {
        logger.warn('node_refresh_from_nodes_failed', { error: String(err) });
        return null;
      });
      if (common !== null) return replace(common, 'pool nodes');
    }
    replace(await options.source.fetch(signal), options.source.name);
  }

  function refresh(o: RefreshOptions = {}): Promise<void> {
    inflight ??= run(o.fromSeed ?? false).finally(() => {
      inflight = undefined;
    });
    return untilAborted(inflight, o.signal, 'node list refresh');
  }

  function schedule(): void {
    cancelTimer = options.clock.setTimer(limits.nodeRefreshIntervalMs, () => {
      refresh()
        .catch((err: unknown) => logger.warn('node_refresh_failed', { error: String(err) }))
        .finally(() => {
          if (cancelTimer !== undefined) schedule();
        });
    });
  }

  return {
    async start(signal) {
      lifetime = new AbortController();
      await refresh({ fromSeed: true, ...(signal === undefined ? {} : { signal }) });
      schedule();
    },
    stop() {
      cancelTimer?.();
      cancelTimer = undefined;
      lifetime.abort(new HushError('HUSH_ERR_ABORTED', 'node pool stopped', { details: { what: 'node pool' } }));
    },
    all: () => nodes,
    usable,
    get: (ed) => byKey.get(ed),
    refresh,
    recordFailure(ed, force = false) {
      if (!byKey.has(ed)) return false; // unknown keys (e.g. named by a hostile relay) are not tracked
      const next = force ? limits.nodeFailureThreshold : (failures.get(ed) ?? 0) + 1;
      failures.set(ed, Math.max(next, failures.get(ed) ?? 0));
      return isStruckOut(ed);
    },
    isStruckOut,
    failureCount: (ed) => failures.get(ed) ?? 0,
    version: () => listVersion,
  };
}
