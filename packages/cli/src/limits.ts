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

/** Messaging commands (`chats`, `chat`, `requests`, ...): how long the sync before reading may take. */
export const SYNC_TIMEOUT_MS = 10_000;

/** Messaging commands: onion-client limits for a one-shot command (a dead guard is skipped sooner). */
export const MESSAGING_CLIENT_LIMITS = { guardTestTimeoutMs: 5_000, nodeListTimeoutMs: 10_000 } as const;

/** `hush chat --limit`: messages shown when not given, and the most accepted (the client's page limit). */
export const DEFAULT_CHAT_MESSAGES = 50;
export const MAX_CHAT_MESSAGES = 1_000;

/** Characters of a message shown in one row of `hush chats` / `hush requests` (the rest is cut with …). */
export const PREVIEW_CHARS = 48;

/** Characters of a display name shown in one row of those lists. */
export const NAME_CHARS = 32;

/** `hush start`: the ports the two local profiles' web apps try first (any free port when taken). */
export const START_APP_PORTS: readonly number[] = [7550, 7551];

/** `hush network`: longest wait for every hop of every path to have a latency figure. */
export const NETWORK_MEASURE_MS = 15_000;

/** `hush network`: how often the client's status is read while waiting for those figures. */
export const NETWORK_STATUS_POLL_MS = 200;
