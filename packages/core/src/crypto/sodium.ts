/**
 * The one place core touches a crypto library. Everything here is libsodium (sodium-native, with
 * libsodium-wrappers-sumo for the few functions sodium-native does not bind) or node:crypto for
 * AES-GCM and HMAC-SHA256, which libsodium's Node binding lacks. A browser build can swap this file
 * for one backed by libsodium-wrappers-sumo alone: the signatures take and return plain Uint8Arrays.
 *
 * No function here keeps state between calls.
 */
import sodium from 'sodium-native';
import sumo from 'libsodium-wrappers-sumo';
import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { HushError } from '../errors.ts';

await sumo.ready;

/**
 * A fresh output buffer. Every caller hands the whole of it to a libsodium function that writes
 * every byte or fails (throws, or returns false and the buffer is dropped), so it is not
 * zero-filled. It is not carved from Node's shared Buffer pool either: a key or plaintext in the
 * pool would be readable through the `.buffer` of any other pooled Buffer.
 */
function out(n: number): Buffer {
  return Buffer.allocUnsafeSlow(n);
}

/**
 * sodium-native (v5) reads any typed array, Buffer or not (its typings still say Buffer): inputs
 * go to it as they are, without a Buffer wrapper per argument.
 */
function buf(u: Uint8Array): Buffer {
  return u as Buffer;
}

export interface SignKeyPair {
  readonly publicKey: Uint8Array;
  /** 64 bytes: seed || public key. */
  readonly secretKey: Uint8Array;
}

export function signSeedKeypair(seed32: Uint8Array): SignKeyPair {
  const publicKey = out(32);
  const secretKey = out(64);
  sodium.crypto_sign_seed_keypair(publicKey, secretKey, buf(seed32));
  return { publicKey, secretKey };
}

export function signDetached(message: Uint8Array, secretKey64: Uint8Array): Uint8Array {
  const sig = out(64);
  sodium.crypto_sign_detached(sig, buf(message), buf(secretKey64));
  return sig;
}

export function verifyDetached(signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 32) return false;
  return sodium.crypto_sign_verify_detached(buf(signature), buf(message), buf(publicKey));
}

/** Ed25519 public key → X25519 public key. Throws HUSH_ERR_BAD_KEY for a non-point. */
export function edPkToCurve(edPk: Uint8Array): Uint8Array {
  const x = out(32);
  try {
    sodium.crypto_sign_ed25519_pk_to_curve25519(x, buf(edPk));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_KEY', 'not a valid Ed25519 public key', { cause });
  }
  return x;
}

/** Ed25519 64-byte secret key → X25519 secret key (clamped SHA-512 of the seed). */
export function edSkToCurve(edSk64: Uint8Array): Uint8Array {
  const x = out(32);
  sodium.crypto_sign_ed25519_sk_to_curve25519(x, buf(edSk64));
  return x;
}

export function boxSeal(message: Uint8Array, recipientX25519Pk: Uint8Array): Uint8Array {
  const c = out(message.length + sodium.crypto_box_SEALBYTES);
  sodium.crypto_box_seal(c, buf(message), buf(recipientX25519Pk));
  return c;
}

/** Returns null when the box does not open (wrong key, tampered, truncated). */
export function boxSealOpen(ciphertext: Uint8Array, x25519Pk: Uint8Array, x25519Sk: Uint8Array): Uint8Array | null {
  if (ciphertext.length < sodium.crypto_box_SEALBYTES) return null;
  const m = out(ciphertext.length - sodium.crypto_box_SEALBYTES);
  return sodium.crypto_box_seal_open(m, buf(ciphertext), buf(x25519Pk), buf(x25519Sk)) ? m : null;
}

export function boxSeedKeypair(seed32: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } {
  const publicKey = out(32);
  const secretKey = out(32);
  sodium.crypto_box_seed_keypair(publicKey, secretKey, buf(seed32));
  return { publicKey, secretKey };
}

export function boxEasy(message: Uint8Array, nonce24: Uint8Array, pk: Uint8Array, sk: Uint8Array): Uint8Array {
  const c = out(message.length + sodium.crypto_box_MACBYTES);
  sodium.crypto_box_easy(c, buf(message), buf(nonce24), buf(pk), buf(sk));
  return c;
}

export function boxOpenEasy(ciphertext: Uint8Array, nonce24: Uint8Array, pk: Uint8Array, sk: Uint8Array): Uint8Array | null {
  if (ciphertext.length < sodium.crypto_box_MACBYTES) return null;
  const m = out(ciphertext.length - sodium.crypto_box_MACBYTES);
  return sodium.crypto_box_open_easy(m, buf(ciphertext), buf(nonce24), buf(pk), buf(sk)) ? m : null;
}

/** BLAKE2b (libsodium crypto_generichash) with output length 16..64 and an optional key. */
export function blake2b(outLen: number, message: Uint8Array, key?: Uint8Array): Uint8Array {
  const h = out(outLen);
  if (key === undefined) sodium.crypto_generichash(h, buf(message));
  else sodium.crypto_generichash(h, buf(message), buf(key));
  return h;
}

export function sha512(message: Uint8Array): Uint8Array {
  const h = out(64);
  sodium.crypto_hash_sha512(h, buf(message));
  return h;
}

/** X25519 Diffie-Hellman. Throws HUSH_ERR_BAD_KEY for a low-order public key. */
export function x25519(secretKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  const s = out(32);
  try {
    sodium.crypto_scalarmult(s, buf(secretKey), buf(publicKey));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_KEY', 'X25519 key exchange failed (invalid public key)', { cause });
  }
  return s;
}

export function x25519Base(secretKey: Uint8Array): Uint8Array {
  const p = out(32);
  sodium.crypto_scalarmult_base(p, buf(secretKey));
  return p;
}

/** Reduces a 64-byte little-endian integer modulo the Ed25519 group order L. */
export function scalarReduce(wide64: Uint8Array): Uint8Array {
  const r = out(32);
  sodium.crypto_core_ed25519_scalar_reduce(r, buf(wide64));
  return r;
}

export function scalarMul(a: Uint8Array, b: Uint8Array): Uint8Array {
  return sumo.crypto_core_ed25519_scalar_mul(a, b);
}

export function scalarAdd(a: Uint8Array, b: Uint8Array): Uint8Array {
  const r = out(32);
  sodium.crypto_core_ed25519_scalar_add(r, buf(a), buf(b));
  return r;
}

export function scalarNegate(a: Uint8Array): Uint8Array {
  const r = out(32);
  sodium.crypto_core_ed25519_scalar_negate(r, buf(a));
  return r;
}

/** n·P on Ed25519 without clamping. Throws HUSH_ERR_BAD_KEY for an invalid point or a zero result. */
export function ed25519ScalarMult(n: Uint8Array, point: Uint8Array): Uint8Array {
  const q = out(32);
  try {
    sodium.crypto_scalarmult_ed25519_noclamp(q, buf(n), buf(point));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_KEY', 'Ed25519 scalar multiplication failed (invalid point)', { cause });
  }
  return q;
}

/** n·B on Ed25519 without clamping. */
export function ed25519ScalarMultBase(n: Uint8Array): Uint8Array {
  const q = out(32);
  sodium.crypto_scalarmult_ed25519_base_noclamp(q, buf(n));
  return q;
}

export function ed25519IsValidPoint(p: Uint8Array): boolean {
  return p.length === 32 && sodium.crypto_core_ed25519_is_valid_point(buf(p));
}

export function xchachaEncrypt(message: Uint8Array, nonce24: Uint8Array, key32: Uint8Array, ad?: Uint8Array): Uint8Array {
  const c = out(message.length + 16);
  sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(c, buf(message), ad ? buf(ad) : null, null, buf(nonce24), buf(key32));
  return c;
}

/** Returns null when authentication fails. */
export function xchachaDecrypt(ciphertext: Uint8Array, nonce24: Uint8Array, key32: Uint8Array, ad?: Uint8Array): Uint8Array | null {
  if (ciphertext.length < 16) return null;
  const m = out(ciphertext.length - 16);
  try {
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(m, null, buf(ciphertext), ad ? buf(ad) : null, buf(nonce24), buf(key32));
  } catch {
    return null;
  }
  return m;
}

/** AES-256-GCM, 12-byte IV, 16-byte tag appended, no AAD. */
export function aesGcmEncrypt(message: Uint8Array, iv12: Uint8Array, key32: Uint8Array): Uint8Array {
  const c = createCipheriv('aes-256-gcm', key32, iv12);
  const head = c.update(message);
  const tail = c.final();
  const body = out(head.length + tail.length + 16); // not Buffer.concat: that writes into the shared pool
  body.set(head);
  body.set(tail, head.length);
  body.set(c.getAuthTag(), head.length + tail.length);
  return body;
}

/** Returns null when authentication fails. Input is ciphertext || tag16. */
export function aesGcmDecrypt(ciphertextAndTag: Uint8Array, iv12: Uint8Array, key32: Uint8Array): Uint8Array | null {
  if (ciphertextAndTag.length < 16) return null;
  const ct = ciphertextAndTag.subarray(0, ciphertextAndTag.length - 16);
  const tag = ciphertextAndTag.subarray(ciphertextAndTag.length - 16);
  try {
    const d = createDecipheriv('aes-256-gcm', key32, iv12);
    d.setAuthTag(tag);
    const head = d.update(ct); // a Buffer of its own (not from the shared pool, unlike Buffer.concat)
    const tail = d.final(); // throws when the tag does not verify; empty for GCM
    if (tail.length === 0) return head;
    const m = out(head.length + tail.length);
    m.set(head);
    m.set(tail, head.length);
    return m;
  } catch {
    return null;
  }
}

export function hmacSha256(key: Uint8Array, message: Uint8Array): Uint8Array {
  return createHmac('sha256', key).update(message).digest();
}

/**
 * Cryptographically secure random bytes. Core functions never call this themselves: they take
 * randomness as an argument. It lives here so the edges (node, client, CLI) use one source.
 */
export function randomBytes(n: number): Uint8Array {
  const b = out(n);
  sodium.randombytes_buf(b);
  return b;
}

/** P + Q on Ed25519 (no subgroup check). Throws HUSH_ERR_BAD_KEY when either input is not a curve point. */
export function ed25519PointAdd(p: Uint8Array, q: Uint8Array): Uint8Array {
  const r = out(32);
  try {
    sodium.crypto_core_ed25519_add(r, buf(p), buf(q));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_KEY', 'Ed25519 point addition failed (invalid point)', { cause });
  }
  return r;
}

/** BLAKE2b (unkeyed) of the concatenation of `parts`, hashed part by part without joining them. */
export function blake2bParts(outLen: number, parts: readonly Uint8Array[]): Uint8Array {
  const h = out(outLen);
  sodium.crypto_generichash_batch(h, parts as Buffer[]);
  return h;
}
