/**
 * Session protocol 1:1 encryption, sender side (spec session-client.md §3.1; libsession
 * `encrypt_for_recipient`): sign `M || A || Y` with the sender's Ed25519 key, then seal
 * `M || A || sig` to the recipient's X25519 key. Output is |M| + 144 bytes.
 */
import { assertBytes, fromHex } from '../bytes.ts';
import { boxSeal, signDetached } from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { Ed25519SecretKey, X25519PublicKey } from '../types.ts';

/** Bytes added by `encryptForRecipient`: sealed-box overhead (48) + sender key (32) + signature (64). */
export const SESSION_PROTOCOL_OVERHEAD = 144;

/**
 * Builds `M || A || sig` where `sig = Ed25519_sign(s, M || A || Y)`, with a single allocation:
 * the buffer holds `M || A || Y` while signing, then the signature overwrites `Y`.
 */
export function signForRecipient(
  senderEd25519SecretKey: Ed25519SecretKey,
  recipient: X25519PublicKey,
  message: Uint8Array,
): Uint8Array {
  assertBytes(senderEd25519SecretKey, 'sender ed25519 secret key', 64);
  assertBytes(recipient, 'recipient x25519 public key', 32);
  assertBytes(message, 'message');
  const n = message.length;
  const inner = new Uint8Array(n + 96);
  inner.set(message, 0);
  inner.set(senderEd25519SecretKey.subarray(32, 64), n);
  inner.set(recipient, n + 32);
  const sig = signDetached(inner.subarray(0, n + 64), senderEd25519SecretKey);
  inner.set(sig, n + 32);
  return inner;
}

/** Encrypts `message` for `recipient` (randomized by libsodium's sealed box). */
export function encryptForRecipient(
  senderEd25519SecretKey: Ed25519SecretKey,
  recipient: X25519PublicKey,
  message: Uint8Array,
): Uint8Array {
  const sealed = boxSeal(signForRecipient(senderEd25519SecretKey, recipient, message), recipient);
  return new Uint8Array(sealed.buffer, sealed.byteOffset, sealed.byteLength);
}

/**
 * The recipient X25519 key from a standard `05…` Session ID (66 hex chars), as libsession's
 * `encrypt_for_recipient` accepts a 05-prefixed key. Throws HUSH_ERR_BAD_HEX / HUSH_ERR_BAD_LENGTH
 * for malformed text and HUSH_ERR_BAD_SESSION_ID for another prefix.
 */
export function recipientKeyFromSessionId(sessionId: unknown, field = 'recipient session id'): X25519PublicKey {
  const bytes = fromHex(sessionId, field, 33);
  if (bytes[0] !== 0x05) {
    throw new HushError('HUSH_ERR_BAD_SESSION_ID', `${field}: expected a 05-prefixed Session ID`, {
      details: { field, prefix: bytes[0] },
    });
  }
  return bytes.subarray(1) as X25519PublicKey;
}
