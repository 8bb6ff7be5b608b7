/**
 * 15-blinding (session-client.md §8.2; libsession `src/blinding.cpp`): one blinding factor per
 * community server, k = scalar_reduce(blake2b64(server_pk)). The owner of Ed25519 key A = a·B
 * (a = libsodium's sk_to_curve25519 scalar) appears on that server as kA = (k·a)·B, written
 * `15` + hex(kA). From a Session ID alone the sign of A is lost, so an outsider gets two candidates.
 *
 * Also home of two helpers shared by the other blinding files: the secret-key check and the
 * Ed25519-style signature with a given blinded scalar.
 */
import { assertBytes, bytesEqual, concatBytes, toHex } from '../bytes.ts';
import {
  blake2b,
  ed25519ScalarMult,
  ed25519ScalarMultBase,
  edSkToCurve,
  scalarAdd,
  scalarMul,
  scalarReduce,
  sha512,
  signSeedKeypair,
} from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { BlindedId, Ed25519PublicKey, Ed25519SecretKey } from '../types.ts';
import { ed25519FromX25519, x25519FromSessionId05 } from './xed25519.ts';

/** A blinded key pair: the public point and the secret scalar behind it (k·a or k'·a). */
export interface BlindedKeyPair {
  readonly publicKey: Ed25519PublicKey;
  readonly secretScalar: Uint8Array;
}

/**
 * Checks a 64-byte Ed25519 secret key (seed || public key) and that its public half is the one
 * its seed derives: blinding mixes both halves (a from the seed, the sign or Session ID from the
 * public half), so a mismatched key would silently give ids nobody can match.
 * Internal to `blinding/`.
 */
export function checkEdSecretKey(edSk64: unknown, field = 'edSk64'): Ed25519SecretKey {
  assertBytes(edSk64, field, 64);
  const derived = signSeedKeypair(edSk64.subarray(0, 32)).publicKey;
  if (!bytesEqual(derived, edSk64.subarray(32))) {
    throw new HushError('HUSH_ERR_BAD_KEY', `${field}: public half does not match the seed half`, {
      details: { field },
    });
  }
  return edSk64 as Ed25519SecretKey;
}

/**
 * Ed25519 signature by the blinded scalar `ka` whose public key is `kA`, with nonce scalar `r`:
 * R = r·B, S = r + scalar_reduce(SHA-512(R || kA || M))·ka. It verifies as plain Ed25519 with kA.
 * Internal to `blinding/`.
 */
export function signWithBlindedScalar(r: Uint8Array, kA: Uint8Array, ka: Uint8Array, message: Uint8Array): Uint8Array {
  const R = ed25519ScalarMultBase(r);
  const hram = scalarReduce(sha512(concatBytes(R, kA, message)));
  return concatBytes(R, scalarAdd(r, scalarMul(hram, ka)));
}

function asBlinded15(point: Uint8Array): BlindedId {
  return `15${toHex(point)}` as BlindedId;
}

/** k = scalar_reduce(blake2b64(server_pk)). */
export function blind15Factor(serverPk: Uint8Array): Uint8Array {
  assertBytes(serverPk, 'serverPk', 32);
  return scalarReduce(blake2b(64, serverPk));
}

/** ka = k·a and kA = ka·B, from the account's secret key. */
export function blind15KeyPair(edSk64: Ed25519SecretKey, serverPk: Uint8Array): BlindedKeyPair {
  const sk = checkEdSecretKey(edSk64);
  const secretScalar = scalarMul(blind15Factor(serverPk), edSkToCurve(sk));
  return { publicKey: ed25519ScalarMultBase(secretScalar) as Ed25519PublicKey, secretScalar };
}

/** The `15…` id the key owner uses on this server. */
export function blind15Id(edSk64: Ed25519SecretKey, serverPk: Uint8Array): BlindedId {
  return asBlinded15(blind15KeyPair(edSk64, serverPk).publicKey);
}

/**
 * Both `15…` ids a Session ID may have on this server: first k·|A| (|A| = the Ed25519 key with
 * sign bit 0 recovered from the X25519 key), then the same with bit 0x80 of its last byte flipped.
 * The owner's real id is one of the two.
 */
export function blind15Candidates(sessionId05: string, serverPk: Uint8Array): [BlindedId, BlindedId] {
  const edPk = ed25519FromX25519(x25519FromSessionId05(sessionId05, 'sessionId05'), 'sessionId05');
  const positive = ed25519ScalarMult(blind15Factor(serverPk), edPk);
  const negative = Uint8Array.from(positive);
  negative[31] = negative[31]! ^ 0x80;
  return [asBlinded15(positive), asBlinded15(negative)];
}

/**
 * Signs `message` as the 15-blinded key (verifies as plain Ed25519 with kA). The nonce follows
 * libsession: r = scalar_reduce(SHA-512(SHA-512(sk64)[32..64] || kA || M)). (Session Desktop hashes
 * the 32-byte seed instead; both are valid signatures, only their bytes differ.)
 */
export function blind15Sign(edSk64: Ed25519SecretKey, serverPk: Uint8Array, message: Uint8Array): Uint8Array {
  assertBytes(message, 'message');
  const { publicKey: kA, secretScalar: ka } = blind15KeyPair(edSk64, serverPk);
  const hrh = sha512(edSk64).subarray(32);
  const r = scalarReduce(sha512(concatBytes(hrh, kA, message)));
  return signWithBlindedScalar(r, kA, ka, message);
}
