/**
 * Swarm storage namespaces (session-network.md §4; SS `oxenss/common/namespace.h`; session-client.md
 * §5.1). A namespace is an int16; its number decides who may store and retrieve.
 */
import { HushError } from '../errors.ts';

export const NAMESPACE_MIN = -32768;
export const NAMESPACE_MAX = 32767;

/** Namespaces Session uses. */
export const NAMESPACE = {
  USER_MESSAGES: 0,
  USER_PROFILE: 2,
  CONTACTS: 3,
  CONVO_INFO_VOLATILE: 4,
  USER_GROUPS: 5,
  GROUP_MESSAGES: 11,
  GROUP_KEYS: 12,
  GROUP_INFO: 13,
  GROUP_MEMBERS: 14,
  /** Kicked-member notices; revoked subaccounts may still retrieve. */
  REVOKED_RETRIEVABLE_GROUP_MESSAGES: -11,
  /** Legacy closed groups (no auth to store or retrieve); no longer used by clients. */
  LEGACY_CLOSED_GROUP: -10,
} as const;

export type NamespaceOrAll = number | 'all';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Shortest TTL a node accepts. */
export const TTL_MIN_MS = 10_000;
/** Longest TTL in a public-inbox namespace. */
export const TTL_MAX_PUBLIC_MS = 14 * DAY_MS;
/** Longest TTL elsewhere, and the cap on any `expire` extension. */
export const TTL_MAX_PRIVATE_MS = 30 * DAY_MS;

/** An int16 namespace from JSON (number) or bencode (bigint). Throws HUSH_ERR_BAD_NAMESPACE naming `field`. */
export function parseNamespace(value: unknown, field = 'namespace'): number {
  const n = typeof value === 'bigint' && value >= NAMESPACE_MIN && value <= NAMESPACE_MAX ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < NAMESPACE_MIN || n > NAMESPACE_MAX) {
    throw new HushError('HUSH_ERR_BAD_NAMESPACE', `${field}: expected an integer in ${NAMESPACE_MIN}..${NAMESPACE_MAX}`, {
      details: { field },
    });
  }
  return n === 0 ? 0 : n; // no -0
}

/** As parseNamespace, also accepting the string "all" (delete_all, delete_before, expire_all). */
export function parseNamespaceOrAll(value: unknown, field = 'namespace'): NamespaceOrAll {
  return value === 'all' ? 'all' : parseNamespace(value, field);
}

/** How a namespace appears in signed strings and the message hash: "" for 0, else decimal ("all" as is). */
export function namespaceSignaturePart(ns: NamespaceOrAll): string {
  if (ns === 'all') return 'all';
  const n = parseNamespace(ns);
  return n === 0 ? '' : String(n);
}

/** ns % 10 == 0: anyone may store (no auth); max TTL 14 days. */
export function isPublicInbox(ns: number): boolean {
  return parseNamespace(ns) % 10 === 0;
}

/** Negative −(20n+1) (−1, −21, …): one message at a time, retrievable without auth. */
export function isPublicOutbox(ns: number): boolean {
  const n = parseNamespace(ns);
  return n < 0 && -n % 20 === 1;
}

/** Retrieve needs no signature: public outboxes and the legacy closed-group namespace −10. */
export function isNoAuthRetrieve(ns: number): boolean {
  return parseNamespace(ns) === NAMESPACE.LEGACY_CLOSED_GROUP || isPublicOutbox(ns);
}

/** Negative with −n % 100 == 11 (−11, −111, …): revoked subaccounts may still retrieve. */
export function isUnrevocable(ns: number): boolean {
  const n = parseNamespace(ns);
  return n < 0 && -n % 100 === 11;
}

/** Store needs a signature in every namespace that is not a public inbox. */
export function storeNeedsAuth(ns: number): boolean {
  return !isPublicInbox(ns);
}

/** Longest TTL a store may ask for in `ns`. */
export function maxTtlMs(ns: number): number {
  return isPublicInbox(ns) ? TTL_MAX_PUBLIC_MS : TTL_MAX_PRIVATE_MS;
}
