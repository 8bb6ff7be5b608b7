/**
 * Blinded direct messages through a community server's inbox (session-client.md §8.6; libsession
 * `encrypt_for_blinded_recipient` / `decrypt_from_blinded_recipient` in `src/session_encrypt.cpp`).
 *
 * Both parties are known only by their blinded ids on one server, both 15 or both 25.
 *   key = blake2b32(s || senderBlindedKey || recipientBlindedKey)   (always sender first)
 *   s   = a'·peerBlindedKey, a' = a for 15 (same k on both sides) or the blinded scalar k'·a for 25
 *   out = 0x00 || XChaCha20-Poly1305(key, nonce)(message || sender's real Ed25519 pk) || nonce24
 * The receiver checks that the embedded Ed25519 key blinds to the claimed sender id, which gives it
 * the sender's `05` Session ID. The sender can open its own outbox copy the same way.
 */
import { assertBytes, bytesEqual, concatBytes, fromHex, toHex } from '../bytes.ts';
import {
  blake2b,
  edPkToCurve,
  ed25519IsValidPoint,
  ed25519ScalarMult,
  edSkToCurve,
  xchachaDecrypt,
  xchachaEncrypt,
} from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { Ed25519SecretKey, UserSessionId } from '../types.ts';
import { blind15Factor, blind15KeyPair, checkEdSecretKey } from './blind15.ts';
import type { BlindedKeyPair } from './blind15.ts';
import { blind25Factor, blind25KeyPair } from './blind25.ts';

const VERSION = 0x00;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const ED_PK_BYTES = 32;
/** version + tag + the embedded sender key (an empty message) + nonce. */
const MIN_CIPHERTEXT_BYTES = 1 + TAG_BYTES + ED_PK_BYTES + NONCE_BYTES;
const BLINDED_ID_RE = /^(15|25)[0-9a-fA-F]{64}$/;

interface ParsedBlindedId {
  readonly prefix: '15' | '25';
  readonly key: Uint8Array;
}

export interface BlindedDmPlaintext {
  readonly plaintext: Uint8Array;
  /** The sender's real account id, learnt from the key inside the message. */
  readonly senderSessionId: UserSessionId;
}

function badId(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_BLINDED_ID', `${field}: ${message}`, { details: { field } });
}

function parseBlindedId(value: unknown, field: string): ParsedBlindedId {
  if (typeof value !== 'string' || !BLINDED_ID_RE.test(value)) {
    throw badId(field, 'expected "15" or "25" followed by 64 hex characters');
  }
  const key = fromHex(value.slice(2), field, 32);
  if (!ed25519IsValidPoint(key)) throw badId(field, 'key is not a valid Ed25519 public key');
  return { prefix: value.slice(0, 2) as '15' | '25', key };
}

function ownKeyPair(sk: Ed25519SecretKey, serverPk: Uint8Array, prefix: '15' | '25'): BlindedKeyPair {
  return prefix === '15' ? blind15KeyPair(sk, serverPk) : blind25KeyPair(sk, serverPk);
}

/** blake2b32(a'·peer || sender || recipient); see the file comment for a'. */
function sharedKey(
  sk: Ed25519SecretKey,
  own: BlindedKeyPair,
  prefix: '15' | '25',
  peer: Uint8Array,
  ids: { readonly sender: Uint8Array; readonly recipient: Uint8Array },
): Uint8Array {
  const scalar = prefix === '25' ? own.secretScalar : edSkToCurve(sk);
  const s = ed25519ScalarMult(scalar, peer);
  return blake2b(32, concatBytes(s, ids.sender, ids.recipient));
}

/**
 * Encrypts `message` (already padded by the caller) from this account to a blinded id on the
 * server `serverPk`. The sender's own id gets the recipient's prefix (15 or 25). `nonce24` must be
 * fresh random bytes.
 */
export function encryptForBlindedRecipient(
  senderEdSk64: Ed25519SecretKey,
  serverPk: Uint8Array,
  recipientBlindedId: string,
  message: Uint8Array,
  nonce24: Uint8Array,
): Uint8Array {
  const sk = checkEdSecretKey(senderEdSk64, 'senderEdSk64');
  assertBytes(message, 'message');
  assertBytes(nonce24, 'nonce24', NONCE_BYTES);
  const recipient = parseBlindedId(recipientBlindedId, 'recipientBlindedId');
  const own = ownKeyPair(sk, serverPk, recipient.prefix);
  const key = sharedKey(sk, own, recipient.prefix, recipient.key, { sender: own.publicKey, recipient: recipient.key });
  const inner = concatBytes(message, sk.subarray(32));
  return concatBytes(Uint8Array.of(VERSION), xchachaEncrypt(inner, nonce24, key), nonce24);
}

function splitCiphertext(ciphertext: unknown): { readonly body: Uint8Array; readonly nonce: Uint8Array } {
  assertBytes(ciphertext, 'ciphertext');
  const truncated = (): HushError =>
    new HushError('HUSH_ERR_TRUNCATED', `ciphertext: ${ciphertext.length} bytes, need at least ${MIN_CIPHERTEXT_BYTES}`, {
      details: { field: 'ciphertext', expected: MIN_CIPHERTEXT_BYTES, got: ciphertext.length },
    });
  if (ciphertext.length === 0) throw truncated();
  if (ciphertext[0] !== VERSION) {
    throw new HushError('HUSH_ERR_DECRYPT_FAILED', `ciphertext[0]: unsupported version ${ciphertext[0]} (expected 0)`, {
      details: { field: 'ciphertext[0]', version: ciphertext[0] },
    });
  }
  if (ciphertext.length < MIN_CIPHERTEXT_BYTES) throw truncated();
  const split = ciphertext.length - NONCE_BYTES;
  return { body: ciphertext.subarray(1, split), nonce: ciphertext.subarray(split) };
}

/** The key for a message this account sent (outbox) or received (inbox). */
function decryptionKey(
  sk: Ed25519SecretKey,
  serverPk: Uint8Array,
  sender: ParsedBlindedId,
  recipient: ParsedBlindedId | undefined,
): Uint8Array {
  const own = ownKeyPair(sk, serverPk, sender.prefix);
  if (bytesEqual(own.publicKey, sender.key)) {
    if (recipient === undefined) throw badId('recipientBlindedId', 'required to open a message this account sent');
    return sharedKey(sk, own, sender.prefix, recipient.key, { sender: sender.key, recipient: recipient.key });
  }
  if (recipient !== undefined && !bytesEqual(own.publicKey, recipient.key)) {
    throw badId('recipientBlindedId', "neither the sender nor the recipient is this account's blinded id");
  }
  return sharedKey(sk, own, sender.prefix, sender.key, { sender: sender.key, recipient: own.publicKey });
}

/** Does the Ed25519 key found inside the message blind to the claimed sender id? */
function senderKeyMatches(senderEdPk: Uint8Array, sender: ParsedBlindedId, serverPk: Uint8Array): boolean {
  if (!ed25519IsValidPoint(senderEdPk)) return false;
  if (sender.prefix === '25') {
    const positive = Uint8Array.from(senderEdPk);
    positive[31] = positive[31]! & 0x7f;
    const k = blind25Factor(edPkToCurve(senderEdPk), serverPk);
    return bytesEqual(ed25519ScalarMult(k, positive), sender.key);
  }
  // 15: the owner's id is k·A; k·(−A) (last-byte bit 0x80 flipped) belongs to the same Session ID.
  const kA = ed25519ScalarMult(blind15Factor(serverPk), senderEdPk);
  if (bytesEqual(kA, sender.key)) return true;
  kA[31] = kA[31]! ^ 0x80;
  return bytesEqual(kA, sender.key);
}

/**
 * Opens a blinded DM. `senderBlindedId` is the message's sender as the server reports it; pass
 * `recipientBlindedId` too when known (required for this account's own outbox copies). Errors:
 * HUSH_ERR_TRUNCATED (too short), HUSH_ERR_DECRYPT_FAILED (unknown version, authentication
 * failure), HUSH_ERR_BAD_BLINDED_ID (malformed or mixed-prefix ids, an id pair that does not
 * involve this account, or an embedded sender key that does not blind to `senderBlindedId`).
 */
export function decryptFromBlindedRecipient(
  recipientEdSk64: Ed25519SecretKey,
  serverPk: Uint8Array,
  senderBlindedId: string,
  recipientBlindedId: string | undefined,
  ciphertext: Uint8Array,
): BlindedDmPlaintext {
  const sk = checkEdSecretKey(recipientEdSk64, 'recipientEdSk64');
  assertBytes(serverPk, 'serverPk', 32);
  const sender = parseBlindedId(senderBlindedId, 'senderBlindedId');
  const recipient = recipientBlindedId === undefined ? undefined : parseBlindedId(recipientBlindedId, 'recipientBlindedId');
  if (recipient !== undefined && recipient.prefix !== sender.prefix) {
    throw badId('recipientBlindedId', `prefix ${recipient.prefix} does not match the sender's ${sender.prefix}`);
  }
  const { body, nonce } = splitCiphertext(ciphertext);
  const inner = xchachaDecrypt(body, nonce, decryptionKey(sk, serverPk, sender, recipient));
  if (inner === null) {
    throw new HushError('HUSH_ERR_DECRYPT_FAILED', 'ciphertext: authentication failed', { details: { field: 'ciphertext' } });
  }
  const senderEdPk = inner.subarray(inner.length - ED_PK_BYTES);
  if (!senderKeyMatches(senderEdPk, sender, serverPk)) {
    throw badId('senderBlindedId', 'the sender key inside the message does not blind to this id');
  }
  const senderSessionId = `05${toHex(edPkToCurve(senderEdPk))}` as UserSessionId;
  return { plaintext: new Uint8Array(inner.subarray(0, inner.length - ED_PK_BYTES)), senderSessionId };
}
