/**
 * Session protocol 1:1 decryption, recipient side (spec session-client.md §3.1; libsession
 * `decrypt_incoming`): open the sealed box with the recipient's X25519 keys, split
 * `M || A || sig`, verify `sig` over `M || A || Y` with `A`.
 *
 * Cost: one sealed-box open and one signature check. The sender's Session ID needs an
 * Ed25519 → X25519 conversion that costs about as much as the box open itself (a subgroup
 * check and a field inversion), so it is computed only when first read (see
 * `DecryptedIncoming.senderSessionId`).
 */
import { assertBytes, toHex } from '../bytes.ts';
import { boxSealOpen, ed25519IsValidPoint, edPkToCurve, verifyDetached } from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { Ed25519PublicKey, UserSessionId, X25519PublicKey, X25519SecretKey } from '../types.ts';
import { SESSION_PROTOCOL_OVERHEAD } from './encrypt.ts';

/** Largest ciphertext `decryptIncoming` accepts (10 MiB; swarm items are far smaller). */
export const MAX_SESSION_CIPHERTEXT_BYTES = 10 * 1024 * 1024;

/** The recipient's precomputed X25519 key pair (an `AccountKeys` satisfies this). */
export interface RecipientKeys {
  readonly x25519PublicKey: X25519PublicKey;
  readonly x25519SecretKey: X25519SecretKey;
}

/**
 * A decrypted message. `plaintext` and `senderEd25519PublicKey` are views into one buffer.
 * `senderSessionId` is computed on first read and cached; reading it throws HUSH_ERR_BAD_KEY when
 * the sender's key verified the signature but has no X25519 form (a point outside the prime-order
 * subgroup), which libsession also rejects.
 */
export class DecryptedIncoming {
  readonly plaintext: Uint8Array;
  readonly senderEd25519PublicKey: Ed25519PublicKey;
  #senderSessionId: UserSessionId | undefined;

  constructor(plaintext: Uint8Array, senderEd25519PublicKey: Ed25519PublicKey) {
    this.plaintext = plaintext;
    this.senderEd25519PublicKey = senderEd25519PublicKey;
  }

  get senderSessionId(): UserSessionId {
    this.#senderSessionId ??= senderSessionIdOf(this.senderEd25519PublicKey);
    return this.#senderSessionId;
  }
}

/** `05 || X25519(A)`; HUSH_ERR_BAD_KEY when `A` has no X25519 form. */
export function senderSessionIdOf(senderEd25519PublicKey: Ed25519PublicKey): UserSessionId {
  return `05${toHex(edPkToCurve(senderEd25519PublicKey))}` as UserSessionId;
}

function checkInput(recipient: RecipientKeys, ciphertext: Uint8Array): void {
  if (typeof recipient !== 'object' || recipient === null) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'recipient: expected the recipient X25519 key pair', { details: { field: 'recipient' } });
  }
  assertBytes(recipient.x25519PublicKey, 'recipient x25519 public key', 32);
  assertBytes(recipient.x25519SecretKey, 'recipient x25519 secret key', 32);
  assertBytes(ciphertext, 'ciphertext');
  if (ciphertext.length < SESSION_PROTOCOL_OVERHEAD) {
    throw new HushError('HUSH_ERR_TRUNCATED', `ciphertext: ${ciphertext.length} bytes, need at least ${SESSION_PROTOCOL_OVERHEAD}`, {
      details: { field: 'ciphertext', got: ciphertext.length, min: SESSION_PROTOCOL_OVERHEAD },
    });
  }
  if (ciphertext.length > MAX_SESSION_CIPHERTEXT_BYTES) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `ciphertext: ${ciphertext.length} bytes, limit ${MAX_SESSION_CIPHERTEXT_BYTES}`, {
      details: { field: 'ciphertext', got: ciphertext.length, max: MAX_SESSION_CIPHERTEXT_BYTES },
    });
  }
}

function signatureError(senderKey: Uint8Array): HushError {
  if (!ed25519IsValidPoint(senderKey)) {
    return new HushError('HUSH_ERR_BAD_KEY', 'sender ed25519 public key: not a valid curve point', {
      details: { field: 'sender ed25519 public key' },
    });
  }
  return new HushError('HUSH_ERR_BAD_SIGNATURE', 'message signature does not verify with the sender key', {
    details: { field: 'signature' },
  });
}

/**
 * Decrypts a Session protocol ciphertext addressed to `recipient`.
 * Errors: HUSH_ERR_TRUNCATED (< 144 bytes), HUSH_ERR_TOO_LARGE, HUSH_ERR_DECRYPT_FAILED (box does not
 * open: wrong recipient or tampered), HUSH_ERR_BAD_KEY (sender key not a valid point),
 * HUSH_ERR_BAD_SIGNATURE.
 */
export function decryptIncoming(recipient: RecipientKeys, ciphertext: Uint8Array): DecryptedIncoming {
  checkInput(recipient, ciphertext);
  const opened = boxSealOpen(ciphertext, recipient.x25519PublicKey, recipient.x25519SecretKey);
  if (opened === null) {
    throw new HushError('HUSH_ERR_DECRYPT_FAILED', 'ciphertext does not open with the recipient key', {
      details: { field: 'ciphertext' },
    });
  }
  const inner = new Uint8Array(opened.buffer, opened.byteOffset, opened.byteLength); // plain views out, not Buffer
  const n = inner.length - 96;
  const sig = inner.slice(n + 32);
  // Reuse the buffer: M || A || sig  →  M || A || Y for the check.
  inner.set(recipient.x25519PublicKey, n + 32);
  const senderKey = inner.subarray(n, n + 32) as Ed25519PublicKey;
  if (!verifyDetached(sig, inner.subarray(0, n + 64), senderKey)) throw signatureError(senderKey);
  return new DecryptedIncoming(inner.subarray(0, n), senderKey);
}
