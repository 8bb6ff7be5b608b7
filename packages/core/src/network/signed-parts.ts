/**
 * Checked pieces of the strings storage RPC signatures cover (session-network.md §3.0, §3.15):
 * integers and millisecond timestamps as base-10 ASCII without padding, message hashes as their
 * 43-character text, subaccount tokens as their 36 raw bytes.
 */
import { HushError } from '../errors.ts';
import { concatBytes, fromHex, toHex, utf8 } from '../bytes.ts';
import { isMessageHash } from './message-hash.ts';

/** A subaccount token: prefix(1) || flags(1) || reserved(2) || Ed25519 key(32). */
export const SUBACCOUNT_TOKEN_BYTES = 36;

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

/** A non-negative safe integer (timestamp in ms, expiry, count) as decimal text. */
export function decimal(value: unknown, field: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) throw bad(field, 'expected a non-negative integer');
  return String(value);
}

export function decimals(values: unknown, field: string): string[] {
  if (!Array.isArray(values) || values.length === 0) throw bad(field, 'expected a non-empty list of integers');
  return values.map((v: unknown, i) => decimal(v, `${field}[${i}]`));
}

/** A non-empty list of 43-character message hashes, in the given order. */
export function hashList(values: unknown, field: string, allowEmpty = false): string[] {
  if (!Array.isArray(values) || (!allowEmpty && values.length === 0)) throw bad(field, 'expected a non-empty list of message hashes');
  return values.map((v: unknown, i) => {
    if (!isMessageHash(v)) throw bad(`${field}[${i}]`, 'expected a 43-character base64 message hash');
    return v;
  });
}

/** Hashes sorted by byte value, as the storage server sorts them before signing. */
export function sortedHashes(values: unknown, field: string): string[] {
  return hashList(values, field, true).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The account's 66-character prefixed hex (lower-case), as results sign it. */
export function accountHex(value: unknown, field = 'pubkey'): string {
  if (typeof value !== 'string' || value.length !== 66) throw bad(field, 'expected 66 hex characters (prefix + key)');
  return toHex(fromHex(value, field, 33));
}

/** A non-empty list of 36-byte tokens, at most `max` (unbounded when omitted). */
export function tokenList(values: unknown, field: string, max = Infinity): Uint8Array[] {
  if (!Array.isArray(values) || values.length === 0 || values.length > max) {
    throw bad(field, Number.isFinite(max) ? `expected 1..${max} subaccount tokens` : 'expected a non-empty list of subaccount tokens');
  }
  return values.map((t: unknown, i) => {
    if (!(t instanceof Uint8Array) || t.length !== SUBACCOUNT_TOKEN_BYTES) throw bad(`${field}[${i}]`, `expected ${SUBACCOUNT_TOKEN_BYTES} bytes`);
    return t;
  });
}

/** Concatenates text (as UTF-8/ASCII) and raw byte parts. */
export function joinParts(...parts: ReadonlyArray<string | Uint8Array | readonly (string | Uint8Array)[]>): Uint8Array {
  const flat = parts.flat().map((p) => (typeof p === 'string' ? utf8(p) : p));
  return concatBytes(...flat);
}
