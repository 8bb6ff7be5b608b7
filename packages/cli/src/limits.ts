/** The CLI's limits, in one place (see docs/LIMITS.md). */

/** Most bytes of recovery phrase read from standard input or a prompt (13 words need < 200). */
export const MAX_PHRASE_INPUT_BYTES = 4096;

/** Seed size of new accounts (13-word recovery phrase), as Session uses. */
export const NEW_SEED_BYTES = 16;

/** Largest node config file (`hush node start --config`) read. */
export const MAX_NODE_CONFIG_BYTES = 1024 * 1024;

/** Largest `running.json` (a node's ports and pid, written by `hush node start`) read. */
export const MAX_RUNNING_FILE_BYTES = 64 * 1024;

/** Largest `devnet.json` / `devnet-plan.json` read (200 nodes need ~60 KiB). */
export const MAX_DEVNET_FILE_BYTES = 4 * 1024 * 1024;

/** Largest GET /status reply read from a node's metrics port. */
export const MAX_STATUS_BYTES = 1024 * 1024;

/** Largest GET /metrics reply read (the node caps each family at 1,000 series). */
export const MAX_METRICS_BYTES = 8 * 1024 * 1024;

/** Most swarm peers shown from a status reply (a swarm has 5–10 members). */
export const MAX_STATUS_PEERS = 1_000;

/** Timeout of one request to a node's status port or storage port. */
export const NODE_PROBE_TIMEOUT_MS = 3_000;

/** `hush devnet up`: nodes started when --nodes is not given. */
export const DEFAULT_DEVNET_NODES = 12;

/** `hush devnet up`: seconds to wait for swarms to form when --timeout is not given. */
export const DEFAULT_DEVNET_TIMEOUT_S = 120;

/** `hush devnet up --timeout`: largest value accepted. */
export const MAX_DEVNET_TIMEOUT_S = 3_600;

/** `hush devnet up`: how often the nodes are asked whether they are ready, for progress lines. */
export const DEVNET_PROGRESS_POLL_MS = 1_000;

/** `hush devnet up`: a progress line at least this often while waiting, even without change. */
export const DEVNET_PROGRESS_QUIET_MS = 5_000;
