/** Limits and defaults of the messenger layer (docs/LIMITS.md, client section). */
export const MESSENGER_LIMITS = {
  /** Store attempts per message (each already retries paths and swarm members inside). */
  storeAttempts: 4,
  /** First pause between store attempts; doubles each time. */
  storeRetryDelayMs: 500,
  /** Long-poll wait asked of a node (Hush nodes; the node caps it at 20 s). */
  longPollMs: 15_000,
  /** A long-poll answered empty faster than this is a quick empty answer: the node may not long-poll. */
  longPollMinEmptyMs: 1_000,
  /**
   * Quick empty answers in a row that mean the node does not long-poll (a Session node). One alone
   * is not enough: a Hush node answers early when it stops, or when the message that woke the poll
   * expired or was deleted before it was read. Every quick empty answer is followed by a pause of
   * `pollIntervalMs` either way.
   */
  quickEmptiesForPolling: 2,
  /** Poll interval against nodes that do not long-poll (Session desktop: 5 s active). */
  pollIntervalMs: 2_000,
  /** Pause after a failed poll, doubling up to the max. */
  pollErrorDelayMs: 1_000,
  pollErrorMaxDelayMs: 30_000,
  /** Messages asked for per retrieve (`max_count`); more pages follow at once when `more` is set. */
  retrieveMaxCount: 256,
  /** Seen-hash entries are swept this often. */
  seenSweepIntervalMs: 10 * 60 * 1000,
  /** Idle path probes (`info` through the paths, for their latency): this often, this many. */
  pathProbeIntervalMs: 60_000,
  pathProbes: 3,
  /** Per-hop latency: prefix probes (3 `info`s each) of this many paths per idle round. */
  hopProbePaths: 4,
  /** Between idle rounds, a path probed fewer than `hopProbeFirstRounds` times (new or repaired) is probed again within this. */
  hopProbeCheckMs: 5_000,
  hopProbeFirstRounds: 3,
  /** A typing indicator from someone is dropped after this long without a refresh (Session: 20 s TTL). */
  typingTimeoutMs: 20_000,
} as const;

export type MessengerLimits = typeof MESSENGER_LIMITS;
