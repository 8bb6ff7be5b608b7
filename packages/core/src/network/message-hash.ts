/**
 * The hash a storage node gives a stored message (session-network.md §5.1; SS
 * `request_handler.cpp computeMessageHash`): unpadded base64 of
 * BLAKE2b-32(prefix byte || 32-byte key || namespace text || data), the namespace text being empty
 * for namespace 0. Timestamp and expiry are not hashed, so storing the same data again dedups.
 */
import { assertBytes, toBase64NoPad, utf8 } from '../bytes.ts';
import { blake2bParts } from '../crypto/sodium.ts';
import { namespaceSignaturePart, parseNamespace } from './namespace.ts';

/** `pubkey`: the 33-byte prefixed account key. Returns 43 characters of standard base64. */
export function messageHash(pubkey: Uint8Array, namespace: number, data: Uint8Array): string {
  assertBytes(pubkey, 'pubkey', 33);
  assertBytes(data, 'data');
  const ns = namespaceSignaturePart(parseNamespace(namespace));
  // Hashed in parts (no concatenated copy of the data): every store on a node computes this.
  return toBase64NoPad(blake2bParts(32, ns === '' ? [pubkey, data] : [pubkey, utf8(ns), data]));
}

const HASH_RE = /^[A-Za-z0-9+/]{43}$/;

/** True for a well-formed message hash (43 characters of unpadded standard base64). */
export function isMessageHash(value: unknown): value is string {
  return typeof value === 'string' && HASH_RE.test(value);
}
