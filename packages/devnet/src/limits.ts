/**
 * Every limit and default of the devnet launcher, in one place (documented in docs/LIMITS.md).
 */

/** Most service nodes one devnet starts (each gets its own 127.0.0.x address). */
export const MAX_DEVNET_NODES = 200;
/** First port tried when a new port plan is made and no basePort is given. */
export const DEFAULT_BASE_PORT = 21_100;
/** How long startDevnet waits for every node to be in a swarm and answer `info`. */
export const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** After SIGTERM, a node gets this long to exit before SIGKILL. */
export const DEFAULT_STOP_GRACE_MS = 5_000;
/** Poll period while waiting for readiness. */
export const READY_POLL_INTERVAL_MS = 250;
/** Timeout of one `info` request to a node. */
export const INFO_TIMEOUT_MS = 2_000;
/** Largest `info` reply read. */
export const MAX_INFO_BYTES = 64 * 1024;
/** Bytes of a node's log quoted in an error when it dies during start-up. */
export const LOG_TAIL_BYTES = 4_096;
/** Expiry the devnet's registry uses for silent nodes (contract default). */
export const DEFAULT_REGISTRY_EXPIRY_MS = 20_000;
/** Ports scanned for a free one before giving up. */
export const MAX_PORT_SCAN = 2_000;
