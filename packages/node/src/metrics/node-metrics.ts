/** The node's metric families (names are part of the operator interface; see docs). */
import { createMetricsRegistry, type Counter, type Gauge, type MetricsRegistry } from './registry.ts';

export interface NodeMetrics {
  readonly registry: MetricsRegistry;
  /** labels: method, status */
  readonly requests: Counter;
  readonly rateLimited: Counter;
  readonly storedMessages: Gauge;
  readonly storedBytes: Gauge;
  readonly sweptMessages: Counter;
  /** labels: peer, kind (timeout | status | bad_response | network) */
  readonly replicationFailures: Counter;
  readonly replicationRequests: Counter;
  readonly pushedMessages: Counter;
  readonly receivedPushMessages: Counter;
  readonly swarmPeers: Gauge;
  readonly knownNodes: Gauge;
  readonly commitBatches: Gauge;
  readonly commitLastBatchSize: Gauge;
  readonly registryErrors: Counter;
}

export function createNodeMetrics(): NodeMetrics {
  const r = createMetricsRegistry();
  return {
    registry: r,
    requests: r.counter('hush_storage_requests_total', 'Storage RPC requests by method and HTTP status.'),
    rateLimited: r.counter('hush_rate_limited_total', 'Requests refused with 429 by the per-IP token bucket.'),
    storedMessages: r.gauge('hush_stored_messages', 'Unexpired messages in the store.'),
    storedBytes: r.gauge('hush_stored_bytes', 'Data bytes of unexpired messages in the store.'),
    sweptMessages: r.counter('hush_swept_messages_total', 'Expired messages deleted by the sweeper.'),
    replicationFailures: r.counter('hush_replication_failures_total', 'Fan-out requests to swarm peers that failed, by peer and kind.'),
    replicationRequests: r.counter('hush_replication_requests_total', 'Fan-out requests sent to swarm peers.'),
    pushedMessages: r.counter('hush_pushed_messages_total', 'Messages sent to other nodes by swarm-change pushes.'),
    receivedPushMessages: r.counter('hush_received_push_messages_total', 'Messages newly stored from swarm pushes.'),
    swarmPeers: r.gauge('hush_swarm_peers', 'Other members of this node\'s swarm.'),
    knownNodes: r.gauge('hush_known_nodes', 'Service nodes in the current list.'),
    commitBatches: r.gauge('hush_commit_batches', 'Group-commit transactions so far.'),
    commitLastBatchSize: r.gauge('hush_commit_last_batch_size', 'Writes in the latest group-commit transaction.'),
    registryErrors: r.counter('hush_registry_errors_total', 'Failed registry polls or announces.'),
  };
}
