/**
 * Checked constructors for the branded key types: the only way raw bytes become a key type.
 * Each checks the length and names the field in its error.
 */
import { assertBytes } from '../bytes.ts';
import type { Ed25519PublicKey, Ed25519SecretKey, X25519PublicKey, X25519SecretKey } from '../types.ts';

export function asEd25519PublicKey(bytes: unknown, field = 'ed25519 public key'): Ed25519PublicKey {
  assertBytes(bytes, field, 32);
  return bytes as Ed25519PublicKey;
}

export function asEd25519SecretKey(bytes: unknown, field = 'ed25519 secret key'): Ed25519SecretKey {
  assertBytes(bytes, field, 64);
  return bytes as Ed25519SecretKey;
}

export function asX25519PublicKey(bytes: unknown, field = 'x25519 public key'): X25519PublicKey {
  assertBytes(bytes, field, 32);
  return bytes as X25519PublicKey;
}

export function asX25519SecretKey(bytes: unknown, field = 'x25519 secret key'): X25519SecretKey {
  assertBytes(bytes, field, 32);
  return bytes as X25519SecretKey;
}
