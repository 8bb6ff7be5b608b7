/**
 * Parses an untrusted `/announce` body (already JSON-decoded) into typed fields. Every failure is a
 * HushError naming the field; nothing here checks signatures or the clock (see verify-announce.ts).
 */
import { HushError } from '@hush/core';
import type { AnnounceFields } from './announce-message.ts';

export interface AnnounceRequest extends AnnounceFields {
  /** Standard base64 as received; decoded and checked by verifyAnnounce. */
  readonly signature: string;
}

const KEY_RE = /^[0-9a-f]{64}$/;
const IPV4_RE = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
/** 2001-09-09 in ms: anything smaller is a seconds value or garbage. */
const MIN_TIMESTAMP_MS = 1_000_000_000_000;
const MAX_SIGNATURE_CHARS = 128;

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseKey(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || !KEY_RE.test(value)) throw bad(field, 'expected 64 lowercase hex characters');
  return value;
}

function parseIp(body: Record<string, unknown>): string {
  const value = body['public_ip'];
  if (typeof value !== 'string' || !IPV4_RE.test(value)) throw bad('public_ip', 'expected a dotted IPv4 address');
  if (value === '0.0.0.0') throw bad('public_ip', '0.0.0.0 is not a reachable address');
  return value;
}

function parsePort(body: Record<string, unknown>): number {
  const value = body['storage_port'];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535) {
    throw bad('storage_port', 'expected an integer in [1, 65535]');
  }
  return value;
}

function parseTimestamp(body: Record<string, unknown>): number {
  const value = body['timestamp'];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < MIN_TIMESTAMP_MS) {
    throw bad('timestamp', 'expected an integer number of milliseconds since the epoch');
  }
  return value;
}

function parseSignature(body: Record<string, unknown>): string {
  const value = body['signature'];
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_SIGNATURE_CHARS) {
    throw bad('signature', 'expected a base64 Ed25519 signature');
  }
  return value;
}

/** A node's listed address and keys (wire names), as announced and as stored. */
export interface NodeAddress {
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly publicIp: string;
  readonly storagePort: number;
}

/**
 * The keys and address in `body` (wire names). Throws HUSH_ERR_BAD_ARGUMENT naming the first bad
 * field (`what` names the object). Extra keys are ignored.
 */
export function parseNodeAddress(body: unknown, what = 'body'): NodeAddress {
  if (!isRecord(body)) throw bad(what, 'expected a JSON object');
  return {
    pubkeyEd25519: parseKey(body, 'pubkey_ed25519'),
    pubkeyX25519: parseKey(body, 'pubkey_x25519'),
    publicIp: parseIp(body),
    storagePort: parsePort(body),
  };
}

/** A whole `/announce` body; throws HUSH_ERR_BAD_ARGUMENT naming the first bad field. */
export function parseAnnounce(body: unknown): AnnounceRequest {
  const address = parseNodeAddress(body);
  const record = body as Record<string, unknown>;
  return { ...address, timestamp: parseTimestamp(record), signature: parseSignature(record) };
}
