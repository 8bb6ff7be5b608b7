/**
 * A retrieve reply, parsed as untrusted input: `{messages: [{hash, data, expiration, timestamp}],
 * more}`. A malformed entry is dropped (and counted), never fatal: one bad message must not stop
 * the others from being received.
 */
import { fromBase64, isMessageHash } from '@hush/core';
import { isPlainObject } from '../runtime/json.ts';

export interface SwarmMessage {
  readonly hash: string;
  readonly data: Uint8Array;
  /** When the swarm drops it (ms). */
  readonly expiration: number;
}

export interface SwarmPage {
  readonly messages: readonly SwarmMessage[];
  readonly more: boolean;
  readonly malformed: number;
}

function parseEntry(entry: unknown, maxDataBytes: number): SwarmMessage | null {
  if (!isPlainObject(entry) || !isMessageHash(entry['hash']) || typeof entry['data'] !== 'string') return null;
  const expiration = entry['expiration'];
  if (typeof expiration !== 'number' || !Number.isSafeInteger(expiration)) return null;
  if (entry['data'].length > Math.ceil(maxDataBytes / 3) * 4) return null;
  try {
    return { hash: entry['hash'], data: fromBase64(entry['data'], 'data'), expiration };
  } catch {
    return null;
  }
}

export function parseSwarmPage(json: unknown, maxMessages: number, maxDataBytes: number): SwarmPage | null {
  if (!isPlainObject(json) || !Array.isArray(json['messages'])) return null;
  const entries: unknown[] = json['messages'].slice(0, maxMessages);
  const messages = entries.map((e) => parseEntry(e, maxDataBytes)).filter((m): m is SwarmMessage => m !== null);
  return { messages, more: json['more'] === true, malformed: entries.length - messages.length };
}
