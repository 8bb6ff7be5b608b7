/**
 * Checks a parsed announce: the X25519 key is the one derived from the Ed25519 key, the timestamp
 * is within the allowed clock skew, and the signature verifies. Throws HushError:
 * HUSH_ERR_BAD_KEY / HUSH_ERR_BAD_ARGUMENT (→ 400) or HUSH_ERR_BAD_SIGNATURE (→ 401).
 */
import { HushError, bytesEqual, edPkToCurve, fromBase64, fromHex, utf8, verifyDetached } from '@hush/core';
import { announceSigningString } from './announce-message.ts';
import type { AnnounceRequest } from './parse-announce.ts';
import { ANNOUNCE_CLOCK_SKEW_MS } from './limits.ts';

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function checkKeys(request: AnnounceRequest): Uint8Array {
  const edPk = fromHex(request.pubkeyEd25519, 'pubkey_ed25519', 32);
  let derived: Uint8Array;
  try {
    derived = edPkToCurve(edPk);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_KEY', 'pubkey_ed25519: not a valid Ed25519 public key', {
      details: { field: 'pubkey_ed25519' },
      cause,
    });
  }
  if (!bytesEqual(derived, fromHex(request.pubkeyX25519, 'pubkey_x25519', 32))) {
    throw bad('pubkey_x25519', 'does not match the X25519 key derived from pubkey_ed25519');
  }
  return edPk;
}

function checkClock(timestamp: number, now: number): void {
  if (Math.abs(now - timestamp) > ANNOUNCE_CLOCK_SKEW_MS) {
    throw bad('timestamp', `more than ${ANNOUNCE_CLOCK_SKEW_MS / 1000} s away from the registry's clock`);
  }
}

function decodeSignature(signature: string): Uint8Array {
  let sig: Uint8Array;
  try {
    sig = fromBase64(signature, 'signature');
  } catch {
    throw bad('signature', 'expected standard base64');
  }
  if (sig.length !== 64) throw bad('signature', `expected 64 bytes, got ${sig.length}`);
  return sig;
}

export function verifyAnnounce(request: AnnounceRequest, now: number): void {
  const edPk = checkKeys(request);
  checkClock(request.timestamp, now);
  const sig = decodeSignature(request.signature);
  if (!verifyDetached(sig, utf8(announceSigningString(request)), edPk)) {
    throw new HushError('HUSH_ERR_BAD_SIGNATURE', 'signature: does not verify for pubkey_ed25519', {
      details: { field: 'signature' },
    });
  }
}
