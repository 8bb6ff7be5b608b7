/**
 * Limits of the messenger's local database (mirrored in docs/LIMITS.md, client section). These are
 * storage bounds; the protocol's own limits (2,000-character texts, 100-byte display names,
 * Session's timer list) are enforced by the message pipeline before anything reaches the database.
 */
export const MESSENGER_DB_LIMITS = {
  /** Largest message text stored, in UTF-8 bytes (larger → HUSH_ERR_TOO_LARGE). */
  maxTextBytes: 64 * 1024,
  /** Messages returned by one `listMessages` call when no limit is given. */
  defaultListLimit: 100,
  /** Largest `limit` accepted by `listMessages`. */
  maxListLimit: 1000,
  /** Messages returned by one `dueToExpire` call (call again until it returns fewer). */
  maxDueBatch: 1000,
  /** `Conversation.lastText` is clipped to this many characters (code points). */
  lastTextChars: 200,
  /** Largest display name stored (ours or someone's), in UTF-8 bytes. */
  maxNameBytes: 1024,
  /** Largest `error` text stored with a failed message (a HUSH_ERR_* code, maybe with a reason). */
  maxErrorChars: 512,
  /** Longest swarm message hash / last_hash (43 base64 characters today; 128 hex for legacy hashes). */
  maxHashChars: 128,
  /** Largest swarm size recorded with an outgoing message (Session swarms have 5–10 members). */
  maxSwarmSize: 100,
  /** Sent timestamps accepted in one `markOutgoingRead` call (one read receipt). */
  maxReceiptTimestamps: 1000,
  /** Longest disappearing timer stored, in seconds (Session's longest is 14 days). */
  maxDisappearingSeconds: 365 * 24 * 60 * 60,
  /** How long a write waits for another process's write lock before HUSH_ERR_STORAGE. */
  busyTimeoutMs: 5000,
} as const;

/** `PRAGMA application_id` of a Hush messenger database ("Hush" in ASCII). */
export const MESSENGER_DB_APPLICATION_ID = 0x48757368;
