/**
 * Sending one Content to one account (spec client §3.3): encode (pad, encrypt, Envelope,
 * WebSocketMessage) with the sent time as the envelope timestamp, then store it in namespace 0 of
 * the recipient's swarm with verified receipts. Also the sent-time source: network time, made
 * strictly increasing so (author, sentAt) stays a unique message identity on every device.
 */
import {
  encodeContent,
  encodeFor1o1,
  parseUserSessionId,
  sessionIdToX25519,
  type AccountKeys,
  type ContentMessage,
} from '@hush/core';
import { storeInSwarm, type StoreReceipt, type SwarmStoreDeps } from './swarm-store.ts';

export interface Outbox {
  /** Network time for a new message, strictly after the last one handed out. */
  nextSentAt(): number;
  send(to: string, content: ContentMessage, sentAt: number, ttlMs: number, signal?: AbortSignal): Promise<StoreReceipt>;
}

export function createOutbox(deps: SwarmStoreDeps & { readonly keys: AccountKeys }): Outbox {
  let last = 0;
  return {
    nextSentAt() {
      last = Math.max(deps.onion.networkTime.now(), last + 1);
      return last;
    },
    send(to, content, sentAt, ttlMs, signal) {
      const recipient = sessionIdToX25519(parseUserSessionId(to, 'to'));
      const data = encodeFor1o1({
        content: encodeContent(content),
        senderEd25519SecretKey: deps.keys.ed25519SecretKey,
        sentTimestampMs: sentAt,
        recipient,
      });
      return storeInSwarm(deps, { pubkey: to, namespace: 0, data, ttlMs }, signal);
    },
  };
}
