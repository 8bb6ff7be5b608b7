/**
 * Every limit, timeout and interval of the service node, in one place (design rule 5). Values that
 * mirror Session's storage server name the upstream constant they copy (session-network.md §2–6;
 * SS = session-storage-server 2.8.0). docs/LIMITS.md is written from this file.
 */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

export const LIMITS = {
  // ---- HTTP (SS server/https.h) ----
  /** Largest request body accepted (SS MAX_REQUEST_BODY_SIZE); larger → 413 and the connection is closed. */
  maxRequestBodyBytes: 10 * 1024 * 1024,
  /** Largest body accepted on /swarm_push/v1 (contract: ≤ 9 MB per push) plus envelope slack. */
  maxPushBodyBytes: 10 * 1024 * 1024,
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: 65 * SECOND,
  /** A request (headers + body) must arrive within this. */
  requestTimeoutMs: 30 * SECOND,
  /** Header block limit (Node's default is 16 KiB). */
  maxHeaderBytes: 16 * 1024,

  // ---- Per-client-IP token bucket (SS rpc/rate_limiter.h) ----
  rateLimitBucketSize: 600,
  rateLimitTokensPerSecond: 300,
  /** Most client IPs tracked; when full and no bucket is idle, new IPs are limited. */
  rateLimitMaxClients: 10_000,
  /** Full (idle) buckets are dropped this often. */
  rateLimitCleanIntervalMs: 10 * SECOND,

  // ---- Storage RPC (SS rpc/request_handler.h, client_rpc_endpoints.h) ----
  /** Largest `data` of a stored message, in raw bytes (SS store::MAX_MESSAGE_BODY). */
  maxMessageBytes: 76_800,
  /** Same in base64 characters (76,800 / 3 × 4). */
  maxMessageBase64Chars: (76_800 / 3) * 4,
  /** Shortest TTL (SS TTL_MINIMUM). */
  ttlMinMs: 10 * SECOND,
  /** Longest TTL in public-inbox namespaces (SS TTL_MAXIMUM). */
  ttlMaxPublicMs: 14 * DAY,
  /** Longest TTL elsewhere and cap of any `expire` (SS TTL_MAXIMUM_PRIVATE). */
  ttlMaxPrivateMs: 30 * DAY,
  /** Store: `timestamp` may be this far ahead, `expiry` this far behind (SS STORE_TOLERANCE). */
  storeToleranceMs: 10 * SECOND,
  /** Signature timestamps must be within ± this (SS SIGNATURE_TOLERANCE). */
  signatureToleranceMs: 60 * SECOND,
  /** delete_all / expire_all received from a swarm peer (SS SIGNATURE_TOLERANCE_FORWARDED). */
  signatureToleranceForwardedMs: 70 * SECOND,
  /** delete_before `before` and expire `expiry` limits (SS: 1 min). */
  deleteBeforeFutureMs: 60 * SECOND,
  expirePastMs: 60 * SECOND,
  /** Retrieve page limit in (base64-accounted) bytes (SS RETRIEVE_MAX_SIZE). */
  retrieveMaxSize: 7_800_000,
  /** Retrieves with a max_count up to this use a statement prepared for that count (one kept per count). */
  retrievePreparedCounts: 100,
  /** Per-message overhead counted against max_size (SS Database::DEFAULT_MSG_OVERHEAD). */
  retrievePerMessageOverhead: 100,
  /** When neither max_count nor max_size is given: max_size = -5 (1/5 of the max). */
  retrieveDefaultMaxSize: -5,
  /** Longest `long_poll_ms` a retrieve may ask for (a Hush extension; stays under the 30 s onion hop timeout). */
  longPollMaxMs: 20 * SECOND,
  /** Retrieves long-polling at once; past this a retrieve answers at once. */
  longPollMaxWaiters: 10_000,
  /** Sub-requests per batch/sequence (SS BATCH_REQUEST_MAX). */
  batchMaxSubrequests: 20,
  /** Hashes in one delete/expire/get_expiries request (not limited upstream beyond the body size). */
  maxHashesPerRequest: 10_000,
  /** Tokens per revoke_subaccount (SS MAX_SUBACCOUNT_TOKENS). */
  maxRevokeTokens: 50,
  /** Revocations kept per account (SS revoked_autoclean trigger). */
  maxRevokedPerAccount: 50,
  /** Timestamps below this many ms are "seconds, not milliseconds" (SS: 1,000,000 s). */
  minTimestampMs: 1_000_000 * SECOND,
  /** Depth of nested ifelse requests. */
  maxIfElseDepth: 4,
  /** JSON nesting accepted in a request body (guards recursive walks of hostile JSON). */
  maxJsonDepth: 64,

  // ---- Storage (SS storage/database.hpp) ----
  /** Expired rows are deleted this often (SS CLEANUP_PERIOD). */
  sweepIntervalMs: 10 * SECOND,
  /** Database size cap (SS SIZE_LIMIT = 3584 MiB, via max_page_count). */
  dbSizeLimitBytes: 3584 * 1024 * 1024,
  /** Writes arriving within this window are committed together (group commit). */
  groupCommitWindowMs: 1,
  /** Most writes in one group-commit transaction. */
  groupCommitMaxBatch: 512,
  /** Most writes waiting for a commit; beyond this, writes fail fast with 503. */
  groupCommitMaxQueue: 50_000,
  /** Rows read per page when scanning for swarm pushes. */
  scanPageRows: 2_000,

  // ---- Signature threads (auth/signature-pool.ts: Ed25519 request-signature verifies) ----
  /** Default thread count is one per core beyond the first (the main thread's), at most this. */
  signatureThreadsDefaultMax: 2,
  /** Largest `signatureThreads` setting. */
  signatureThreadsMax: 16,
  /** Most verifies in one message to a signature thread. */
  signatureMaxBatch: 256,

  // ---- Swarm membership (contract with the registry) ----
  /** get_n_service_nodes poll period. */
  registryPollIntervalMs: 2 * SECOND,
  /** Announce period (registry drops nodes unheard for 20 s). */
  announceIntervalMs: 5 * SECOND,
  /** Timeout of one registry request. */
  registryTimeoutMs: 5 * SECOND,
  /** Largest registry response read. */
  maxRegistryResponseBytes: 32 * 1024 * 1024,
  /** Most nodes accepted from a registry or devnet file. */
  maxNodes: 100_000,

  // ---- Replication (SS request_handler.cpp distribute_command; service_node.cpp relay_messages) ----
  /** Fan-out request timeout per peer (SS: 5 s). */
  fanoutTimeoutMs: 5 * SECOND,
  /** Node-to-node request timestamps must be within ± this. */
  nodeAuthToleranceMs: 60 * SECOND,
  /** Keep-alive sockets per peer agent. */
  peerMaxSockets: 32,
  /** Recursive requests fanned out in one event-loop turn go to a peer as one batch of at most this many (replication/forward-batch.ts). */
  forwardBatchMax: 64,
  /** … and at most this many bytes of JSON (a batch body stays far below maxRequestBodyBytes). */
  forwardBatchBytes: 2 * 1024 * 1024,
  /** A peer that answered 404 to a batch (an older node) gets single requests for this long. */
  forwardBatchRetryMs: 10 * 60 * SECOND,
  /** Largest peer response read. */
  maxPeerResponseBytes: 16 * 1024 * 1024,
  /** Bulk push batches are cut at this many bytes of JSON (contract: ≤ 9 MB). */
  pushBatchBytes: 8 * 1024 * 1024,
  /** Messages in one bulk push request. */
  pushBatchMessages: 5_000,
  /** Timeout of one bulk push request. */
  pushTimeoutMs: 30 * SECOND,
  /** Attempts per bulk push batch before giving up (logged + counted). */
  pushAttempts: 3,

  // ---- Onion requests (SS request_handler.cpp process_onion_req, omq.cpp) ----
  /** Forwarding a layer to the next node: no answer within this → 504 "Request time out" (SS: 30 s OMQ request). */
  onionForwardTimeoutMs: 30 * SECOND,
  /** Relaying to an allow-listed HTTP server (SS ONION_URL_TIMEOUT): → 504. */
  onionRelayTimeoutMs: 25 * SECOND,
  /** Largest server response relayed back (a 10 MB file download plus framing and encryption). */
  onionRelayMaxResponseBytes: 16 * 1024 * 1024,
  /** Keep-alive sockets per relay server (per protocol). */
  onionRelayMaxSockets: 32,
  /** Entries in the relay allowlist (`onionRelayHosts`). */
  onionRelayMaxHosts: 256,

  // ---- Hop links (onion forwarding between nodes over persistent TLS, ALPN hush-onion/1) ----
  /**
   * Requests outstanding on one link. A sender fails the excess at once (504 "Request time out");
   * a receiver answers frames beyond it with 503 without handling them.
   */
  hopLinkMaxInFlight: 1024,
  /** Largest request frame body (an onion wire): the request body limit. Larger → the connection is destroyed. */
  hopLinkMaxRequestFrameBytes: 10 * 1024 * 1024,
  /** Largest response frame body (status, kind, type, body): the peer response limit plus its 259-byte header. */
  hopLinkMaxResponseFrameBytes: 16 * 1024 * 1024 + 259,
  /** A frame must arrive whole within this of its first byte (as an HTTP request within requestTimeoutMs). */
  hopLinkFrameTimeoutMs: 30 * SECOND,
  /** A sender closes a link idle this long (under the receiver's keepAliveTimeoutMs, so it is the one to close). */
  hopLinkIdleMs: 60 * SECOND,
  /** A peer whose TLS handshake does not select hush-onion/1 gets HTTPS /onion_req/v2 forwards for this long. */
  hopLinkHttpOnlyMs: 5 * MINUTE,
  /** On stop, a link's close (after its in-flight requests) may take this long before it is destroyed. */
  hopLinkCloseMs: 1 * SECOND,

  // ---- Lifecycle ----
  /** On stop, in-flight requests get this long to finish before connections are destroyed. */
  shutdownGraceMs: 5 * SECOND,
} as const;

export type Limits = typeof LIMITS;
