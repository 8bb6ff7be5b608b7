/**
 * The node's identity: an Ed25519 keypair generated on first start and kept in
 * `<dataDir>/identity.json` (mode 0600); the X25519 keypair is derived from it (libsodium
 * ed25519 → curve25519), as Session nodes' keys are related (session-network.md §1.1).
 */
import { chmodSync, existsSync, openSync, readFileSync, renameSync, statSync, writeSync, closeSync, fsyncSync } from 'node:fs';
import { join } from 'node:path';
import {
  HushError,
  asEd25519PublicKey,
  asEd25519SecretKey,
  asX25519PublicKey,
  asX25519SecretKey,
  edPkToCurve,
  edSkToCurve,
  fromHex,
  randomBytes,
  signSeedKeypair,
  toHex,
} from '@hush/core';
import type { Ed25519PublicKey, Ed25519SecretKey, X25519PublicKey, X25519SecretKey } from '@hush/core';

export const IDENTITY_FILE = 'identity.json';

export interface NodeIdentity {
  readonly ed25519Pk: Ed25519PublicKey;
  /** 64 bytes: seed || public key. */
  readonly ed25519Sk: Ed25519SecretKey;
  readonly x25519Pk: X25519PublicKey;
  readonly x25519Sk: X25519SecretKey;
  /** Lowercase hex of the Ed25519 public key (the node's name on the wire). */
  readonly ed25519Hex: string;
  readonly x25519Hex: string;
}

/** Derives the whole identity from a 32-byte Ed25519 seed. */
export function identityFromSeed(seed: Uint8Array): NodeIdentity {
  if (seed.length !== 32) throw new HushError('HUSH_ERR_BAD_LENGTH', `identity seed: expected 32 bytes, got ${seed.length}`);
  const kp = signSeedKeypair(seed);
  const ed25519Pk = asEd25519PublicKey(kp.publicKey);
  const x25519Pk = asX25519PublicKey(edPkToCurve(ed25519Pk));
  return {
    ed25519Pk,
    ed25519Sk: asEd25519SecretKey(kp.secretKey),
    x25519Pk,
    x25519Sk: asX25519SecretKey(edSkToCurve(kp.secretKey)),
    ed25519Hex: toHex(ed25519Pk),
    x25519Hex: toHex(x25519Pk),
  };
}

function parseIdentityFile(text: string, path: string): NodeIdentity {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${path}: not valid JSON`, { cause, details: { path } });
  }
  const seedHex = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['ed25519_seed'] : undefined;
  const identity = identityFromSeed(fromHex(seedHex, `${path}: ed25519_seed`, 32));
  const storedPk = (parsed as Record<string, unknown>)['pubkey_ed25519'];
  if (storedPk !== undefined && storedPk !== identity.ed25519Hex) {
    throw new HushError('HUSH_ERR_BAD_KEY', `${path}: pubkey_ed25519 does not match ed25519_seed`, { details: { path } });
  }
  return identity;
}

/** Writes `text` to `path` atomically with mode 0600 (temp file, fsync, rename). */
function writePrivateFile(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  const fd = openSync(tmp, 'w', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Writes a new identity file for `seed` in `dataDir` (tests and tools pre-generate identities). */
export function writeIdentity(dataDir: string, seed: Uint8Array): NodeIdentity {
  const identity = identityFromSeed(seed);
  const text = JSON.stringify({ ed25519_seed: toHex(seed), pubkey_ed25519: identity.ed25519Hex, pubkey_x25519: identity.x25519Hex }, null, 2);
  writePrivateFile(join(dataDir, IDENTITY_FILE), text + '\n');
  return identity;
}

/**
 * Loads `<dataDir>/identity.json`, creating it with a fresh random seed on first start. A file
 * readable by others is tightened to 0600.
 */
export function loadOrCreateIdentity(dataDir: string): { identity: NodeIdentity; created: boolean } {
  const path = join(dataDir, IDENTITY_FILE);
  if (!existsSync(path)) return { identity: writeIdentity(dataDir, randomBytes(32)), created: true };
  if ((statSync(path).mode & 0o077) !== 0) chmodSync(path, 0o600);
  return { identity: parseIdentityFile(readFileSync(path, 'utf8'), path), created: false };
}
