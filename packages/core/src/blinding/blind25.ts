/**
 * 25-blinding (session-client.md §8.2; libsession `src/blinding.cpp`): the factor depends on the
 * account too, k = scalar_reduce(blake2b64(0x05 || X25519 pk || server_pk)), and the id is always
 * k·|A| (|A| = the Ed25519 key with sign bit 0), so it is computable from the Session ID without
 * ambiguity. The owner, whose real A may be negative (A = −|A|), uses k' = −k then: k'·a·B = k·|A|.
 */
import { assertBytes, concatBytes, toHex, utf8 } from '../bytes.ts';
import {
  blake2b,
  edPkToCurve,
  ed25519ScalarMult,
  ed25519ScalarMultBase,
  edSkToCurve,
  scalarMul,
  scalarNegate,
  scalarReduce,
} from '../crypto/sodium.ts';
import type { BlindedId, Ed25519PublicKey, Ed25519SecretKey } from '../types.ts';
import { checkEdSecretKey, signWithBlindedScalar } from './blind15.ts';
import type { BlindedKeyPair } from './blind15.ts';
import { ed25519FromX25519, x25519FromSessionId05 } from './xed25519.ts';

const SEED_HASH_KEY = utf8('SessCommBlind25_seed');
const NONCE_HASH_KEY = utf8('SessCommBlind25_sig');
const ACCOUNT_PREFIX = Uint8Array.of(0x05);

function asBlinded25(point: Uint8Array): BlindedId {
  return `25${toHex(point)}` as BlindedId;
}

/** k = scalar_reduce(blake2b64(0x05 || x25519Pk || server_pk)), x25519Pk = the Session ID's key. */
export function blind25Factor(x25519Pk: Uint8Array, serverPk: Uint8Array): Uint8Array {
  assertBytes(x25519Pk, 'x25519Pk', 32);
  assertBytes(serverPk, 'serverPk', 32);
  return scalarReduce(blake2b(64, concatBytes(ACCOUNT_PREFIX, x25519Pk, serverPk)));
}

/** ka = k'·a and kA = ka·B (= k·|A|), with k' = −k when the account's Ed25519 key is negative. */
export function blind25KeyPair(edSk64: Ed25519SecretKey, serverPk: Uint8Array): BlindedKeyPair {
  const sk = checkEdSecretKey(edSk64);
  const k = blind25Factor(edPkToCurve(sk.subarray(32)), serverPk);
  const negative = (sk[63]! & 0x80) !== 0;
  const secretScalar = scalarMul(negative ? scalarNegate(k) : k, edSkToCurve(sk));
  return { publicKey: ed25519ScalarMultBase(secretScalar) as Ed25519PublicKey, secretScalar };
}

/** The `25…` id of the key owner on this server. */
export function blind25Id(edSk64: Ed25519SecretKey, serverPk: Uint8Array): BlindedId {
  return asBlinded25(blind25KeyPair(edSk64, serverPk).publicKey);
}

/** The `25…` id of a Session ID on this server (the same id its owner computes). */
export function blind25IdFromSessionId(sessionId05: string, serverPk: Uint8Array): BlindedId {
  const xpk = x25519FromSessionId05(sessionId05, 'sessionId05');
  const edPk = ed25519FromX25519(xpk, 'sessionId05');
  return asBlinded25(ed25519ScalarMult(blind25Factor(xpk, serverPk), edPk));
}

/**
 * Signs `message` as the 25-blinded key (verifies as plain Ed25519 with kA). Nonce as libsession:
 * r = scalar_reduce(blake2b64(key "SessCommBlind25_sig", blake2b32(seed, key "SessCommBlind25_seed")
 * || kA || M)).
 */
export function blind25Sign(edSk64: Ed25519SecretKey, serverPk: Uint8Array, message: Uint8Array): Uint8Array {
  assertBytes(message, 'message');
  const { publicKey: kA, secretScalar: ka } = blind25KeyPair(edSk64, serverPk);
  const seedHash = blake2b(32, edSk64.subarray(0, 32), SEED_HASH_KEY);
  const r = scalarReduce(blake2b(64, concatBytes(seedHash, kA, message), NONCE_HASH_KEY));
  return signWithBlindedScalar(r, kA, ka, message);
}
