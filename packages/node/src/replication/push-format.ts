/**
 * The bulk-push wire format between Hush nodes (POST /swarm_push/v1, registry contract):
 * `{"messages": [{"pubkey": 66 hex, "namespace", "hash", "timestamp", "expiry", "data": base64}]}`.
 * Unlike Session's v1 `sn.data` format it carries the namespace (session-network.md §6.6).
 */
import { fromBase64, isMessageHash, messageHash, toBase64, toHex } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { parseAccount } from '../rpc/account.ts';
import { isPlainObject } from '../rpc/params.ts';
import type { JsonObject } from '../rpc/response.ts';
import type { StoredMessage } from '../storage/write-ops.ts';

export const SWARM_PUSH_PATH = '/swarm_push/v1';

export function encodePushMessage(m: StoredMessage): JsonObject {
  return { pubkey: toHex(m.owner), namespace: m.namespace, hash: m.hash, timestamp: m.timestamp, expiry: m.expiry, data: toBase64(m.data) };
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** One pushed message, or null when malformed, expired, or its hash does not match its content. */
export function decodePushMessage(v: unknown, now: number): StoredMessage | null {
  if (!isPlainObject(v)) return null;
  const account = typeof v['pubkey'] === 'string' ? parseAccount(v['pubkey']) : null;
  const { namespace: ns, hash, timestamp, expiry, data } = v;
  if (account === null || !isInt(ns) || ns < -32768 || ns > 32767 || !isMessageHash(hash)) return null;
  if (!isInt(timestamp) || !isInt(expiry) || expiry <= now) return null;
  if (typeof data !== 'string' || !B64.test(data) || data.length % 4 === 1 || data.length > LIMITS.maxMessageBase64Chars + 2) return null;
  const bytes = fromBase64(data, 'data');
  if (bytes.length > LIMITS.maxMessageBytes || messageHash(account.bytes, ns, bytes) !== hash) return null;
  return { owner: account.bytes, namespace: ns, hash, timestamp, expiry, data: bytes };
}
