/**
 * Session IDs: 66 lowercase hex characters, a one-byte prefix then a 32-byte key
 * (session-client.md §1): `05` account (X25519 key), `03` group v2 (Ed25519 key), `15`/`25`
 * community-blinded, `00` unblinded community auth (raw Ed25519 key).
 *
 * Parsing accepts upper- or mixed-case hex and returns the canonical lowercase form. A `05` id is a
 * UserSessionId only when its key is an X25519 public key some account could own: a canonical
 * encoding (top bit clear, u < 2^255-19, as crypto_sign_ed25519_pk_to_curve25519 always produces)
 * and not one of the low-order points, for which every shared secret is all-zero (libsodium's
 * crypto_scalarmult refuses them). Whether u lies on the curve or its twist is not checked: that
 * needs field arithmetic, and a twist point is harmless to encrypt to (Curve25519 is twist-secure).
 */
import { fromHex, toHex } from '../bytes.ts';
import { HushError } from '../errors.ts';
import type { BlindedId, SessionId, UserSessionId, X25519PublicKey } from '../types.ts';
import { asX25519PublicKey } from './brands.ts';

export type SessionIdPrefix = '05' | '03' | '15' | '25' | '00';

export const SESSION_ID_PREFIXES: readonly SessionIdPrefix[] = Object.freeze(['05', '03', '15', '25', '00']);

/** Length of a Session ID in hex characters (1-byte prefix + 32-byte key). */
export const SESSION_ID_HEX_LENGTH = 66;

const HEX_RE = /^[0-9a-fA-F]*$/;
const FIELD_PRIME = 2n ** 255n - 19n;

/**
 * Canonical X25519 encodings (little-endian u) of low-order points: 0, 1, the two order-8 points,
 * and p-1 (order 4 on the twist). Non-canonical aliases (u >= p) are rejected separately.
 */
const LOW_ORDER_X25519 = new Set([
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0100000000000000000000000000000000000000000000000000000000000000',
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
]);

function badId(field: string, message: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_BAD_SESSION_ID', `${field}: ${message}`, { details: { field, ...details } });
}

function isSessionIdPrefix(prefix: string): prefix is SessionIdPrefix {
  return (SESSION_ID_PREFIXES as readonly string[]).includes(prefix);
}

/**
 * Parses a Session ID with any known prefix, or only those in `allowed`. Errors
 * (HUSH_ERR_BAD_SESSION_ID) say what is wrong: not a string, wrong length, not hex, unknown prefix,
 * or a prefix not accepted here.
 */
export function parseSessionId(
  value: unknown,
  field = 'session id',
  allowed: readonly SessionIdPrefix[] = SESSION_ID_PREFIXES,
): SessionId {
  if (typeof value !== 'string') throw badId(field, `expected a string, got ${value === null ? 'null' : typeof value}`);
  if (value.length !== SESSION_ID_HEX_LENGTH) {
    throw badId(field, `expected ${SESSION_ID_HEX_LENGTH} hex characters, got ${value.length}`, {
      expected: SESSION_ID_HEX_LENGTH,
      got: value.length,
    });
  }
  if (!HEX_RE.test(value)) throw badId(field, 'not hex (only 0-9 and a-f are allowed)');
  const id = value.toLowerCase();
  const prefix = id.slice(0, 2);
  if (!isSessionIdPrefix(prefix)) {
    throw badId(field, `unknown prefix "${prefix}" (known: ${SESSION_ID_PREFIXES.join(', ')})`, { prefix });
  }
  if (!allowed.includes(prefix)) {
    throw badId(field, `prefix "${prefix}" is not allowed here (expected ${allowed.join(' or ')})`, {
      prefix,
      allowed: [...allowed],
    });
  }
  return id as SessionId;
}

/** Why these 32 bytes cannot be an account's X25519 public key, or null when they can. */
function x25519KeyProblem(keyHex: string): string | null {
  const bigEndian = fromHex(keyHex, 'session id key', 32).reverse();
  if (BigInt(`0x${toHex(bigEndian)}`) >= FIELD_PRIME) return 'is not a canonical X25519 public key';
  if (LOW_ORDER_X25519.has(keyHex)) return 'is a low-order X25519 point (no account can own it)';
  return null;
}

/** Parses a `05…` account id whose key is a usable X25519 public key (see the file comment). */
export function parseUserSessionId(value: unknown, field = 'session id'): UserSessionId {
  const id = parseSessionId(value, field, ['05']);
  const problem = x25519KeyProblem(id.slice(2));
  if (problem !== null) throw badId(field, `the key in this Session ID ${problem}`);
  return id as UserSessionId;
}

/** Parses a `15…` or `25…` community-blinded id (format only; blinding owns the math). */
export function parseBlindedId(value: unknown, field = 'blinded id'): BlindedId {
  return parseSessionId(value, field, ['15', '25']) as BlindedId;
}

export function sessionIdPrefix(id: SessionId): SessionIdPrefix {
  return parseSessionId(id).slice(0, 2) as SessionIdPrefix;
}

/** The 32 key bytes after the prefix (X25519 for 05, Ed25519 for 03/00, blinded Ed25519 for 15/25). */
export function sessionIdPublicKey(id: SessionId): Uint8Array {
  return fromHex(parseSessionId(id).slice(2), 'session id key', 32);
}

/** `05` + hex(pk). Throws HUSH_ERR_BAD_SESSION_ID when the key is not usable (see the file comment). */
export function sessionIdFromX25519(pk: X25519PublicKey): UserSessionId {
  const key = asX25519PublicKey(pk);
  return parseUserSessionId(`05${toHex(key)}`, 'x25519 public key');
}

export function sessionIdToX25519(id: UserSessionId): X25519PublicKey {
  return asX25519PublicKey(fromHex(parseUserSessionId(id).slice(2), 'session id key', 32));
}
