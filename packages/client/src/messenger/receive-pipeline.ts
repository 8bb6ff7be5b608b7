/**
 * One page of swarm messages → new things on screen: drop hashes already seen (the seen table
 * keeps them until the swarm's own expiry), decrypt and check (core `decodeFor1o1`), classify,
 * apply. A message that does not decrypt or parse is logged and skipped — never fatal, and never
 * retried (its hash is marked seen first).
 */
import { decodeFor1o1, isHushError, type AccountKeys } from '@hush/core';
import { applyIncoming } from './apply-incoming.ts';
import type { ApplyContext } from './apply-context.ts';
import { classifyContent } from './content/classify-content.ts';
import type { SwarmMessage } from './swarm-page.ts';

function receiveOne(ctx: ApplyContext, keys: AccountKeys, message: SwarmMessage): number {
  if (!ctx.db.markSeen(message.hash, message.expiration)) return 0;
  let decoded;
  try {
    decoded = decodeFor1o1(message.data, keys);
  } catch (err) {
    ctx.logger.warn('incoming_undecodable', { hash: message.hash, code: isHushError(err) ? err.code : 'UNKNOWN' });
    return 0;
  }
  const item = classifyContent({
    content: decoded.content,
    sender: decoded.senderSessionId,
    envelopeTimestamp: decoded.envelope.timestamp ?? 0,
    ownSessionId: ctx.ownId,
  });
  return applyIncoming(ctx, item, message);
}

/** Returns how many messages brought something new. */
export function receiveMessages(ctx: ApplyContext, keys: AccountKeys, messages: readonly SwarmMessage[]): number {
  let fresh = 0;
  for (const message of messages) {
    try {
      fresh += receiveOne(ctx, keys, message);
    } catch (err) {
      ctx.logger.warn('incoming_apply_failed', { hash: message.hash, error: err instanceof Error ? err.message : String(err) });
    }
  }
  return fresh;
}
