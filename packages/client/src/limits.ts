/**
 * Every limit and default of the client SDK's network layer, in one place (mirrored in
 * docs/LIMITS.md). Values taken from Session name the upstream constant.
 */
export const CLIENT_LIMITS = {
  /** Nodes on an onion path, guard first (LSU `path_size`, DESK `ONION_REQUEST_HOPS`). */
  pathHops: 3,
  /** Good paths kept ready (LSU min path count 2, DESK `desiredGuardCount` 2). */
  minPaths: 2,
  /** Failures before a path is retired (DESK `pathFailureThreshold`, LSU `path_strike_threshold`). */
  pathFailureThreshold: 3,
  /** Failures before a node is left out of every selection (DESK `snodeFailureThreshold`). */
  nodeFailureThreshold: 3,
  /** Attempts of one onion request, first included (each on a good path). */
  maxAttempts: 4,
  /** Retry delay = min(maxRetryDelayMs, baseRetryDelayMs · 2^n) (LSU). */
  baseRetryDelayMs: 100,
  maxRetryDelayMs: 3_000,
  /** One onion round trip (nodes give up relaying after 30 s: SS OMQ timeout). */
  onionTimeoutMs: 35_000,
  /** Direct guard test (`info`) (DESK guard test 10 s). */
  guardTestTimeoutMs: 10_000,
  /** Rounds of guard candidates tried before giving up (DESK 5 + 1). */
  guardSelectionRounds: 6,
  /** Node list fetch from a registry / seed (DESK 5 s per seed attempt; lists can be large). */
  nodeListTimeoutMs: 15_000,
  /** Refresh the node list this often (DESK hourly; LSU cache 2 h). */
  nodeRefreshIntervalMs: 60 * 60 * 1000,
  /** Below this many usable nodes the list is taken from the seed, not from pool nodes (LSU 12). */
  minPoolForNodeRefresh: 12,
  /** Pool nodes asked (through onion paths) on a refresh; their answers are intersected (DESK/LSU 3). */
  refreshNodeCount: 3,
  /** Seed nodes asked directly when bootstrapping from a list of nodes. */
  seedNodeCount: 3,
  /** Largest node list accepted. */
  maxPoolNodes: 20_000,
  /** Largest HTTP body read from a node or registry (a retrieve reply is ~16 MiB base64'd). */
  maxResponseBytes: 24 * 1024 * 1024,
  /** Largest node-list reply. */
  maxNodeListBytes: 16 * 1024 * 1024,
  /** Network-time samples kept (DESK rolling average of 10). */
  networkTimeSamples: 10,
  /** Keep-alive HTTPS agents kept at once (one per node). */
  maxAgents: 256,
  /** Storage-RPC bodies larger than this are not sent. */
  maxRequestBytes: 10 * 1024 * 1024,
  /** 421 answers tolerated for one swarm request (LSU: retry, refresh + retry, fail). */
  max421: 2,
  /** Swarm members tried for one swarm request when destinations are unreachable. */
  maxSwarmDestinations: 4,
  /** Characters of a node's plain-text error kept in error details. */
  maxReasonChars: 200,
  /** One prefix probe's round trip (an `info` to one hop of a path; path health, not a user's request). */
  hopProbeTimeoutMs: 10_000,
  /** Per-hop latency: round trips kept per (path, hop), of which the median is shown. */
  hopLatencySamples: 10,
  /** Per-hop latency: paths with samples kept at once (the oldest is dropped; gone paths are forgotten). */
  hopLatencyPaths: 16,
} as const;

export type ClientLimits = { -readonly [K in keyof typeof CLIENT_LIMITS]: number };
