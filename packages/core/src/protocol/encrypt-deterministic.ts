/**
 * Deterministic variant of the Session protocol encryption (spec session-client.md §3.1; libsession
 * `encrypt_for_recipient_deterministic`). Same inner `M || A || sig`, but the sealed box's
 * ephemeral key and nonce are derived instead of random:
 *   eph_seed = blake2b32(key = "SessionBoxEphemeralHashKey", sender_seed32 || Y || M)
 *   (eph_pk, eph_sk) = crypto_box_seed_keypair(eph_seed)
 *   nonce = blake2b24(eph_pk || Y)
 *   output = eph_pk || crypto_box_easy(M || A || sig, nonce, Y, eph_sk)
 * Any sealed-box opener decrypts it. Used for config wrapping and reproducible test vectors only:
 * the same message to the same recipient always gives the same bytes.
 */
import { boxEasy, boxSeedKeypair, blake2b } from '../crypto/sodium.ts';
import type { Ed25519SecretKey, X25519PublicKey } from '../types.ts';
import { signForRecipient } from './encrypt.ts';

const BOX_HASH_KEY = new TextEncoder().encode('SessionBoxEphemeralHashKey');

function ephemeralSeed(senderSeed: Uint8Array, recipient: Uint8Array, message: Uint8Array): Uint8Array {
  const input = new Uint8Array(64 + message.length);
  input.set(senderSeed, 0);
  input.set(recipient, 32);
  input.set(message, 64);
  return blake2b(32, input, BOX_HASH_KEY);
}

export function encryptForRecipientDeterministic(
  senderEd25519SecretKey: Ed25519SecretKey,
  recipient: X25519PublicKey,
  message: Uint8Array,
): Uint8Array {
  const inner = signForRecipient(senderEd25519SecretKey, recipient, message);
  const eph = boxSeedKeypair(ephemeralSeed(senderEd25519SecretKey.subarray(0, 32), recipient, message));
  const nonceInput = new Uint8Array(64);
  nonceInput.set(eph.publicKey, 0);
  nonceInput.set(recipient, 32);
  const nonce = blake2b(24, nonceInput);
  const box = boxEasy(inner, nonce, recipient, eph.secretKey);
  const out = new Uint8Array(32 + box.length);
  out.set(eph.publicKey, 0);
  out.set(box, 32);
  return out;
}
