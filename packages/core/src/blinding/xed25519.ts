/**
 * The Ed25519 public key that belongs to an X25519 public key (a Session ID), with sign bit 0.
 *
 * An X25519 key keeps only the Montgomery u coordinate, so the Edwards point is known up to its
 * sign: y = (u − 1) / (u + 1) mod p, x = ±… . Session (libsession `xed25519::pubkey`) always takes
 * the "positive" one, sign bit 0; 15- and 25-blinding from a Session ID start from that key.
 *
 * Why BigInt here: libsodium exposes no function for this map (its field arithmetic is internal).
 * The computation involves public values only — no secret ever reaches this file — so timing does
 * not matter, and the one formula above is small enough to check by hand and by test (round trip
 * against libsodium's own Ed→X conversion for random keys). Everything else (point validity) is
 * left to libsodium.
 */
import { assertBytes, fromHex } from '../bytes.ts';
import { ed25519IsValidPoint } from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { Ed25519PublicKey, X25519PublicKey } from '../types.ts';

const P = (1n << 255n) - 19n;

function fromLittleEndian(bytes: Uint8Array): bigint {
  let n = 0n;
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
  return n;
}

function toLittleEndian32(n: bigint): Uint8Array {
  const out = new Uint8Array(32);
  let v = n;
  for (let i = 0; i < 32; i++) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}

/** base^exp mod P by square-and-multiply (public operands only). */
function powModP(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = base % P;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % P;
    b = (b * b) % P;
    e >>= 1n;
  }
  return result;
}

function badKey(message: string, field: string): HushError {
  return new HushError('HUSH_ERR_BAD_KEY', `${field}: ${message}`, { details: { field } });
}

/**
 * Ed25519 public key (sign bit 0) for the X25519 public key `xpk`. Throws HUSH_ERR_BAD_KEY when
 * `xpk` is not canonical (u ≥ p or bit 255 set — no real key looks like that), when u + 1 ≡ 0, or
 * when the result is not a valid prime-order Ed25519 point.
 */
export function ed25519FromX25519(xpk: Uint8Array, field = 'x25519 public key'): Ed25519PublicKey {
  assertBytes(xpk, field, 32);
  const u = fromLittleEndian(xpk);
  if (u >= P) throw badKey('not a canonical X25519 public key', field);
  const denominator = (u + 1n) % P;
  if (denominator === 0n) throw badKey('u = −1 has no Ed25519 counterpart', field);
  const y = (((u - 1n + P) % P) * powModP(denominator, P - 2n)) % P;
  const edPk = toLittleEndian32(y);
  if (!ed25519IsValidPoint(edPk)) throw badKey('does not map to a valid Ed25519 public key', field);
  return edPk as Ed25519PublicKey;
}

const SESSION_ID_05_RE = /^05[0-9a-fA-F]{64}$/;

/**
 * The X25519 key of a `05…` Session ID (66 hex characters, either case). Kept local to blinding so
 * it does not depend on the Session ID module; throws HUSH_ERR_BAD_SESSION_ID naming `field`.
 */
export function x25519FromSessionId05(sessionId05: unknown, field = 'session id'): X25519PublicKey {
  if (typeof sessionId05 !== 'string' || !SESSION_ID_05_RE.test(sessionId05)) {
    throw new HushError('HUSH_ERR_BAD_SESSION_ID', `${field}: expected "05" followed by 64 hex characters`, {
      details: { field },
    });
  }
  return fromHex(sessionId05.slice(2), field, 32) as X25519PublicKey;
}
