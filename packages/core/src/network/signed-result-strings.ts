/**
 * The exact bytes a storage node signs (Ed25519, its own key) in each per-node result of a
 * recursive request (session-network.md §3.1, §3.6–§3.10, §3.12; SS `request_handler.cpp`
 * create_signature calls). PUBKEY_HEX is the account's 66-character prefixed hex. Result hash
 * lists are signed in byte order, so they are sorted here as the node sorts them; `requested`
 * lists keep the request's order.
 */
import { HushError } from '../errors.ts';
import { utf8 } from '../bytes.ts';
import { isMessageHash } from './message-hash.ts';
import { accountHex, decimal, hashList, joinParts, sortedHashes, tokenList } from './signed-parts.ts';
import { MAX_REVOKE_TOKENS } from './signed-strings.ts';

/** A single-namespace result lists hashes; an "all"-namespaces result maps namespace → hashes. */
export type ResultHashes = readonly string[] | Readonly<Record<string, readonly string[]>>;

function allHashes(value: ResultHashes, field: string): string[] {
  if (Array.isArray(value)) return sortedHashes(value, field);
  if (typeof value !== 'object' || value === null) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: expected hashes`, { details: { field } });
  }
  return sortedHashes(Object.values(value).flat(), field);
}

/** store: the node signs the message hash text. */
export function storeResultSignedString(hash: string): Uint8Array {
  if (!isMessageHash(hash)) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'hash: expected a 43-character base64 message hash', { details: { field: 'hash' } });
  return utf8(hash);
}

/** delete: PUBKEY_HEX || requested hashes… || deleted hashes (sorted)…. */
export function deleteResultSignedString(p: { pubkey: string; requested: readonly string[]; deleted: readonly string[] }): Uint8Array {
  return joinParts(accountHex(p.pubkey), hashList(p.requested, 'requested'), sortedHashes(p.deleted, 'deleted'));
}

/** delete_all: PUBKEY_HEX || timestamp || every deleted hash, sorted across namespaces. */
export function deleteAllResultSignedString(p: { pubkey: string; timestamp: number; deleted: ResultHashes }): Uint8Array {
  return joinParts(accountHex(p.pubkey), decimal(p.timestamp, 'timestamp'), allHashes(p.deleted, 'deleted'));
}

/** delete_before: PUBKEY_HEX || before || deleted hashes (sorted). */
export function deleteBeforeResultSignedString(p: { pubkey: string; before: number; deleted: ResultHashes }): Uint8Array {
  return joinParts(accountHex(p.pubkey), decimal(p.before, 'before'), allHashes(p.deleted, 'deleted'));
}

/** expire_all: PUBKEY_HEX || expiry || updated hashes (sorted). */
export function expireAllResultSignedString(p: { pubkey: string; expiry: number; updated: ResultHashes }): Uint8Array {
  return joinParts(accountHex(p.pubkey), decimal(p.expiry, 'expiry'), allHashes(p.updated, 'updated'));
}

export interface ExpireResultParams {
  readonly pubkey: string;
  /**
   * Single-expiry request: the expiry the node applied (after clamping). Multi-expiry request: the
   * applied expiries, aligned with `updated`.
   */
  readonly expiry: number | readonly number[];
  readonly requested: readonly string[];
  readonly updated: readonly string[];
  /** Only when shorten/extend was given: hash → current expiry of the messages left unchanged. */
  readonly unchanged?: Readonly<Record<string, number>>;
}

/** Pairs `updated` with their expiries (multi) and sorts both by hash. */
function sortedUpdates(p: ExpireResultParams): { hashes: string[]; expiries: string[] } {
  const hashes = hashList(p.updated, 'updated', true);
  if (typeof p.expiry === 'number') return { hashes: [...hashes].sort(), expiries: [decimal(p.expiry, 'expiry')] };
  const list: readonly number[] = p.expiry;
  if (!Array.isArray(list) || list.length !== hashes.length) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'expiry: a list must align with updated', { details: { field: 'expiry' } });
  }
  const pairs = hashes.map((h, i) => [h, decimal(list[i], `expiry[${i}]`)] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { hashes: pairs.map(([h]) => h), expiries: pairs.map(([, e]) => e) };
}

/** expire: PUBKEY_HEX || expiry(ies) || requested… || updated (sorted)… || for each unchanged, by hash: hash || expiry. */
export function expireResultSignedString(p: ExpireResultParams): Uint8Array {
  const { hashes, expiries } = sortedUpdates(p);
  const unchanged = Object.entries(p.unchanged ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([hash, ms], i) => {
      if (!isMessageHash(hash)) throw new HushError('HUSH_ERR_BAD_ARGUMENT', `unchanged[${i}]: expected a message hash`, { details: { field: 'unchanged' } });
      return [hash, decimal(ms, `unchanged.${hash}`)];
    });
  return joinParts(accountHex(p.pubkey), expiries, hashList(p.requested, 'requested'), hashes, unchanged);
}

/** revoke_subaccount: PUBKEY_HEX || timestamp || token bytes…. */
export function revokeSubaccountResultSignedString(p: { pubkey: string; timestamp: number; tokens: readonly Uint8Array[] }): Uint8Array {
  return joinParts(accountHex(p.pubkey), decimal(p.timestamp, 'timestamp'), tokenList(p.tokens, 'tokens', MAX_REVOKE_TOKENS));
}

/** unrevoke_subaccount: PUBKEY_HEX || timestamp || token bytes…. */
export function unrevokeSubaccountResultSignedString(p: { pubkey: string; timestamp: number; tokens: readonly Uint8Array[] }): Uint8Array {
  return joinParts(accountHex(p.pubkey), decimal(p.timestamp, 'timestamp'), tokenList(p.tokens, 'tokens'));
}
