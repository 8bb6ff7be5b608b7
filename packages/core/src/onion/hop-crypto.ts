/**
 * One onion hop's symmetric encryption (session-network.md §7.1). The client makes a fresh X25519
 * key pair per layer; the node replies with the same derived key and a fresh nonce/IV.
 *  - aes-gcm:   key = HMAC-SHA256(key "LOKI", X25519(a, B)); blob = iv12 || ct || tag16
 *  - xchacha20: key = BLAKE2b-32(X25519(a, B) || A_client || B_node); blob = nonce24 || ct || tag16
 */
import { HushError } from '../errors.ts';
import { assertBytes, concatBytes, utf8 } from '../bytes.ts';
import { aesGcmDecrypt, aesGcmEncrypt, blake2bParts, hmacSha256, x25519, x25519Base, xchachaDecrypt, xchachaEncrypt } from '../crypto/sodium.ts';

export type OnionEncType = 'xchacha20' | 'aes-gcm';

const ALIASES: Readonly<Record<string, OnionEncType>> = {
  xchacha20: 'xchacha20',
  'xchacha20-poly1305': 'xchacha20',
  'aes-gcm': 'aes-gcm',
  gcm: 'aes-gcm',
};
const GCM_SALT = utf8('LOKI');
const TAG_BYTES = 16;

/** A plain Uint8Array view of crypto output (sodium-native and node:crypto hand back Buffers). */
function plain(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Reads an `enc_type` value: the storage server's names and aliases; absent means aes-gcm (the
 * server default). `aes-cbc` is rejected: no client uses it. Throws HUSH_ERR_BAD_ONION_LAYER.
 */
export function parseEncType(value: unknown, field = 'enc_type'): OnionEncType {
  if (value === undefined) return 'aes-gcm';
  const found = typeof value === 'string' && Object.hasOwn(ALIASES, value) ? ALIASES[value] : undefined;
  if (found === undefined) {
    const shown = typeof value === 'string' ? JSON.stringify(value.slice(0, 40)) : typeof value;
    throw new HushError('HUSH_ERR_BAD_ONION_LAYER', `${field}: unknown encryption type ${shown}`, { details: { field } });
  }
  return found;
}

/** Nonce (xchacha20) or IV (aes-gcm) length in bytes. */
export function hopNonceLength(encType: OnionEncType): number {
  return encType === 'xchacha20' ? 24 : 12;
}

/** Bytes a hop encryption adds: nonce/IV plus the 16-byte tag. */
export function hopOverhead(encType: OnionEncType): number {
  return hopNonceLength(encType) + TAG_BYTES;
}

/**
 * The symmetric key of one layer. `weAreClient` says whose public key comes first in the xchacha20
 * hash (always the client's). `ourPublic` is derived from `ourSecret` when omitted. Throws
 * HUSH_ERR_BAD_KEY for a low-order `theirPublic`.
 */
export function hopSharedKey(
  encType: OnionEncType,
  ourSecret: Uint8Array,
  theirPublic: Uint8Array,
  weAreClient: boolean,
  ourPublic?: Uint8Array,
): Uint8Array {
  assertBytes(ourSecret, 'our x25519 secret', 32);
  assertBytes(theirPublic, 'their x25519 public key', 32);
  return keyFromShared(encType, x25519(ourSecret, theirPublic), ourSecret, theirPublic, weAreClient, ourPublic);
}

function keyFromShared(
  encType: OnionEncType,
  shared: Uint8Array,
  ourSecret: Uint8Array,
  theirPublic: Uint8Array,
  weAreClient: boolean,
  ourPublic?: Uint8Array,
): Uint8Array {
  if (encType === 'aes-gcm') return plain(hmacSha256(GCM_SALT, shared));
  const mine = ourPublic ?? x25519Base(ourSecret);
  assertBytes(mine, 'our x25519 public key', 32);
  const parts = weAreClient ? [shared, mine, theirPublic] : [shared, theirPublic, mine];
  return plain(blake2bParts(32, parts));
}

/**
 * The client's key for `encType` and the aes-gcm key of the same pair (LSU's fallback for a
 * reply that does not open with the first), from one X25519.
 */
export function clientHopKeys(
  encType: OnionEncType,
  ourSecret: Uint8Array,
  theirPublic: Uint8Array,
  ourPublic?: Uint8Array,
): { readonly key: Uint8Array; readonly gcmKey: Uint8Array } {
  assertBytes(ourSecret, 'our x25519 secret', 32);
  assertBytes(theirPublic, 'their x25519 public key', 32);
  const shared = x25519(ourSecret, theirPublic);
  const gcmKey = keyFromShared('aes-gcm', shared, ourSecret, theirPublic, true);
  return { key: encType === 'aes-gcm' ? gcmKey : keyFromShared(encType, shared, ourSecret, theirPublic, true, ourPublic), gcmKey };
}

/** Encrypts with a caller-supplied nonce/IV (randomness comes in as an argument); returns nonce || ct || tag. */
export function hopEncrypt(encType: OnionEncType, key: Uint8Array, plaintext: Uint8Array, nonceOrIv: Uint8Array): Uint8Array {
  assertBytes(key, 'hop key', 32);
  assertBytes(plaintext, 'plaintext');
  assertBytes(nonceOrIv, encType === 'xchacha20' ? 'xchacha20 nonce' : 'aes-gcm iv', hopNonceLength(encType));
  const body = encType === 'xchacha20' ? xchachaEncrypt(plaintext, nonceOrIv, key) : aesGcmEncrypt(plaintext, nonceOrIv, key);
  return concatBytes(nonceOrIv, body);
}

/** Returns null when the blob is too short or does not authenticate under `key`. */
export function hopDecrypt(encType: OnionEncType, key: Uint8Array, blob: Uint8Array): Uint8Array | null {
  assertBytes(key, 'hop key', 32);
  assertBytes(blob, 'ciphertext');
  const n = hopNonceLength(encType);
  if (blob.length < n + TAG_BYTES) return null;
  const nonce = blob.subarray(0, n);
  const body = blob.subarray(n);
  const out = encType === 'xchacha20' ? xchachaDecrypt(body, nonce, key) : aesGcmDecrypt(body, nonce, key);
  return out === null ? null : plain(out);
}

/** hopDecrypt that throws HUSH_ERR_DECRYPT_FAILED (naming the field) instead of returning null. */
export function hopDecryptOrThrow(encType: OnionEncType, key: Uint8Array, blob: Uint8Array, field: string): Uint8Array {
  const plain = hopDecrypt(encType, key, blob);
  if (plain === null) {
    throw new HushError('HUSH_ERR_DECRYPT_FAILED', `${field}: ${encType} decryption failed`, {
      details: { field, encType, length: blob.length },
    });
  }
  return plain;
}
