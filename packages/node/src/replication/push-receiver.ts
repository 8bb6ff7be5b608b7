/**
 * Receiving a bulk push (§6.5): every message's hash is recomputed and mismatches (and expired or
 * malformed entries) are dropped; the rest are inserted with ON CONFLICT DO NOTHING in one durable
 * write. Answers `{"stored": n}` (n = newly stored).
 */
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import { isPlainObject } from '../rpc/params.ts';
import { fail, ok, type RpcResponse } from '../rpc/response.ts';
import type { MessageStore } from '../storage/message-store.ts';
import { decodePushMessage } from './push-format.ts';

export interface PushReceiverOptions {
  readonly store: Pick<MessageStore, 'write'>;
  readonly clock: () => number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
}

export function createPushReceiver(o: PushReceiverOptions): (body: string, sender: string) => Promise<RpcResponse> {
  return async (body, sender) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return fail(400, 'invalid json');
    }
    const list = isPlainObject(parsed) ? parsed['messages'] : undefined;
    if (!Array.isArray(list)) return fail(400, 'invalid request: "messages" must be a list');
    const now = o.clock();
    const msgs = list.map((m: unknown) => decodePushMessage(m, now)).filter((m) => m !== null);
    const dropped = list.length - msgs.length;
    const { stored } = msgs.length === 0 ? { stored: 0 } : await o.store.write({ op: 'bulkStore', msgs });
    o.metrics.receivedPushMessages.inc({}, stored);
    o.logger.info('push_received', { sender, received: list.length, stored, dropped });
    return ok({ stored });
  };
}
