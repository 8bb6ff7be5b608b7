/**
 * Every limit and default of the registry, in one place (documented in docs/LIMITS.md).
 */

/** Largest request body accepted on any route (bytes). */
export const MAX_BODY_BYTES = 64 * 1024;
/** Largest number of service nodes the registry keeps. */
export const MAX_NODES = 10_000;
/** How far an announce timestamp may be from the registry's clock (ms). */
export const ANNOUNCE_CLOCK_SKEW_MS = 60_000;
/** A node not heard from for this long is dropped (ms). */
export const DEFAULT_EXPIRY_MS = 20_000;
/** Longest accepted `fields` list / dict. */
export const MAX_FIELDS = 64;
/** Longest accepted field name. */
export const MAX_FIELD_NAME = 64;
/** Longest accepted `service_node_pubkeys` filter. */
export const MAX_PUBKEY_FILTER = 1_000;
/** Socket limits: whole-request deadline and header deadline (ms). */
export const REQUEST_TIMEOUT_MS = 10_000;
export const HEADERS_TIMEOUT_MS = 5_000;
/** Hard fork and snode revision the registry reports (Session Network, HF21). */
export const HARDFORK = 21;
export const SNODE_REVISION = 0;
/** Storage server version reported for every node. */
export const STORAGE_SERVER_VERSION: readonly [number, number, number] = [2, 8, 0];
