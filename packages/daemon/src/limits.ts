/** The daemon's limits and defaults, in one place (mirrored in docs/LIMITS.md, daemon section). */
export const DAEMON_LIMITS = {
  /** Largest JSON request body (a 2,000-character text is < 8 KiB even escaped). */
  maxBodyBytes: 64 * 1024,
  /** Messages per page when the app does not say. */
  defaultPageSize: 50,
  /** Largest page of messages. */
  maxPageSize: 200,
  /** Longest string accepted in any one JSON field (a recovery phrase is far shorter). */
  maxFieldChars: 16 * 1024,
  /** Message text, UTF-16 units, before the SDK's own check (2,000 code points): a cheap first bound. */
  maxTextChars: 20_000,
  /** WebSockets open at once (browser tabs); more are refused with 503. */
  maxSockets: 32,
  /** Largest frame the daemon reads from a WebSocket (the app sends none but pings). */
  maxSocketFrameBytes: 1024,
  /** A socket that has not answered a ping for this long is closed. */
  socketPingIntervalMs: 30_000,
  /** Events queued for one slow socket before it is closed (the app reloads its state on reconnect). */
  maxSocketBufferBytes: 4 * 1024 * 1024,
  /** Bytes of the per-launch access token (hex in the URL: 64 characters). */
  tokenBytes: 32,
  /** The client is started again after a failure: first pause, doubling up to the max. */
  clientRetryDelayMs: 2_000,
  clientRetryMaxDelayMs: 60_000,
  /** Longest wait for in-flight requests when stopping. */
  stopGraceMs: 5_000,
} as const;

export type DaemonLimits = { readonly [K in keyof typeof DAEMON_LIMITS]: number };
