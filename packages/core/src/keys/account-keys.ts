/**
 * An account's keys, all derived from its seed (session-client.md §1): the Ed25519 keypair is
 * crypto_sign_seed_keypair(seed32), the X25519 keypair is its libsodium conversion, and the Session
 * ID is `05` + hex(X25519 public key).
 */
import { edPkToCurve, edSkToCurve, signSeedKeypair } from '../crypto/sodium.ts';
import type { Ed25519PublicKey, Ed25519SecretKey, Seed, UserSessionId, X25519PublicKey, X25519SecretKey } from '../types.ts';
import { asEd25519PublicKey, asEd25519SecretKey, asX25519PublicKey, asX25519SecretKey } from './brands.ts';
import { normalizeSeed } from './seed.ts';
import { sessionIdFromX25519 } from './session-id.ts';

export interface AccountKeys {
  /** The 32-byte Ed25519 seed (a 16-byte account seed right-padded with zeros). */
  readonly seed: Seed;
  readonly ed25519PublicKey: Ed25519PublicKey;
  /** 64 bytes: seed || public key. */
  readonly ed25519SecretKey: Ed25519SecretKey;
  readonly x25519PublicKey: X25519PublicKey;
  readonly x25519SecretKey: X25519SecretKey;
  readonly sessionId: UserSessionId;
}

/** Derives every key of an account from its 16- or 32-byte seed (HUSH_ERR_BAD_SEED otherwise). */
export function deriveAccountKeys(seed: Uint8Array): AccountKeys {
  const seed32 = normalizeSeed(seed);
  const ed = signSeedKeypair(seed32);
  const x25519PublicKey = asX25519PublicKey(edPkToCurve(ed.publicKey));
  return Object.freeze({
    seed: seed32,
    ed25519PublicKey: asEd25519PublicKey(ed.publicKey),
    ed25519SecretKey: asEd25519SecretKey(ed.secretKey),
    x25519PublicKey,
    x25519SecretKey: asX25519SecretKey(edSkToCurve(ed.secretKey)),
    sessionId: sessionIdFromX25519(x25519PublicKey),
  });
}
