/** The node's metric families (names are part of the operator interface; see docs). */
import { createMetricsRegistry, type Counter, type Gauge, type Histogram, type MetricsRegistry } from './registry.ts';

/** Onion hop latency buckets, in seconds (a loopback hop is ~1 ms; relays wait up to 30 s). */
const ONION_SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

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
  readonly replicationBatches: Counter;
  readonly pushedMessages: Counter;
  readonly receivedPushMessages: Counter;
  readonly swarmPeers: Gauge;
  readonly knownNodes: Gauge;
  readonly commitBatches: Gauge;
  readonly commitLastBatchSize: Gauge;
  readonly registryErrors: Counter;
  /** labels: outcome (forwarded | final | relayed | an error kind, see onion/hop-record.ts) */
  readonly onionRequests: Counter;
  /** labels: outcome; seconds from the layer read to the reply (forwarding includes the rest of the path). */
  readonly onionSeconds: Histogram;
  /** labels: transport (link | https): onion layers a next node answered, by how they went. */
  readonly onionForwards: Counter;
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
    replicationBatches: r.counter('hush_replication_batches_total', 'Fan-out batches sent to swarm peers (several requests of one event-loop turn in one POST /swarm_rpc_batch/v1).'),
    pushedMessages: r.counter('hush_pushed_messages_total', 'Messages sent to other nodes by swarm-change pushes.'),
    receivedPushMessages: r.counter('hush_received_push_messages_total', 'Messages newly stored from swarm pushes.'),
    swarmPeers: r.gauge('hush_swarm_peers', 'Other members of this node\'s swarm.'),
    knownNodes: r.gauge('hush_known_nodes', 'Service nodes in the current list.'),
    commitBatches: r.gauge('hush_commit_batches', 'Group-commit transactions so far.'),
    commitLastBatchSize: r.gauge('hush_commit_last_batch_size', 'Writes in the latest group-commit transaction.'),
    registryErrors: r.counter('hush_registry_errors_total', 'Failed registry polls or announces.'),
    onionRequests: r.counter('hush_onion_requests_total', 'Onion requests received on /onion_req/v2, by outcome.'),
    onionSeconds: r.histogram('hush_onion_hop_seconds', 'Time from an onion layer read to its reply, by outcome.', ONION_SECONDS_BUCKETS),
    onionForwards: r.counter('hush_onion_forwards_total', 'Onion layers forwarded to a next node that answered, by transport (link | https).'),
  };
}
