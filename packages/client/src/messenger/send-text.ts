/**
 * Sending a text (spec client §3.3, §3.5, §10): the message is saved as 'sending' first (so it
 * survives a crash or a reload), stored in the recipient's swarm with verified receipts ('stored
 * on N of M'), then a sync copy (same sent time, `syncTarget` = recipient) goes to our own swarm
 * for our other devices. A failed store leaves it 'failed' with the error code, to retry.
 */
import { HushError, isHushError, parseUserSessionId } from '@hush/core';
import { checkText } from './content/content-checks.ts';
import { messageRequestResponseContent } from './content/control-messages.ts';
import { ttlFor } from './content/message-ttl.ts';
import { visibleMessageContent } from './content/visible-message.ts';
import { expiresAtFor } from './expiry-time.ts';
import { ownProfile, type MessengerContext } from './messenger-context.ts';
import type { ChatMessage, Conversation } from './messenger-types.ts';

/** Writing to someone accepts them; answering a request sends a MessageRequestResponse first. */
async function openConversation(ctx: MessengerContext, to: string, signal?: AbortSignal): Promise<Conversation> {
  const existing = ctx.db.getConversation(to);
  if (existing?.state === 'accepted') return existing;
  const now = ctx.clock.now();
  ctx.db.ensureConversation(to, 'accepted', now);
  const conversation = ctx.db.setConversationState(to, 'accepted');
  ctx.events.emit('conversation', conversation);
  if (existing !== null && to !== ctx.keys.sessionId) {
    const sentAt = ctx.outbox.nextSentAt();
    const profile = ownProfile(ctx);
    const content = messageRequestResponseContent({ sentAt, ...(profile === undefined ? {} : { profile }) });
    await ctx.outbox.send(to, content, sentAt, ttlFor('request-response'), signal).catch((err: unknown) => {
      ctx.logger.warn('request_response_failed', { to, code: isHushError(err) ? err.code : 'UNKNOWN' });
    });
  }
  return conversation;
}

async function syncCopy(ctx: MessengerContext, message: ChatMessage, signal?: AbortSignal): Promise<void> {
  const profile = ownProfile(ctx);
  const content = visibleMessageContent({
    sentAt: message.sentAt,
    text: message.text,
    disappearing: message.disappearing,
    syncTarget: message.conversationId,
    ...(profile === undefined ? {} : { profile }),
  });
  try {
    const receipt = await ctx.outbox.send(ctx.keys.sessionId, content, message.sentAt, ttlFor('visible', message.disappearing, { syncCopy: true }), signal);
    ctx.db.setMessageHashes(message.id, { ours: receipt.hash });
  } catch (err) {
    ctx.logger.warn('sync_copy_failed', { id: message.id, code: isHushError(err) ? err.code : 'UNKNOWN' });
  }
}

/** Stores a 'sending' message; resolves with it 'stored', or marks it 'failed' and throws. */
export async function deliver(ctx: MessengerContext, message: ChatMessage, signal?: AbortSignal): Promise<ChatMessage> {
  const profile = ownProfile(ctx);
  const content = visibleMessageContent({
    sentAt: message.sentAt,
    text: message.text,
    disappearing: message.disappearing,
    ...(profile === undefined ? {} : { profile }),
  });
  let receipt;
  try {
    receipt = await ctx.outbox.send(message.conversationId, content, message.sentAt, ttlFor('visible', message.disappearing), signal);
  } catch (err) {
    const code = isHushError(err) ? err.code : 'HUSH_ERR_NETWORK';
    ctx.events.emit('message-updated', ctx.db.updateDelivery(message.id, { delivery: 'failed', storedOn: 0, swarmSize: 0, error: code }));
    throw err;
  }
  const toSelf = message.conversationId === ctx.keys.sessionId;
  ctx.db.setMessageHashes(message.id, toSelf ? { ours: receipt.hash } : { theirs: receipt.hash });
  const stored = ctx.db.updateDelivery(message.id, { delivery: 'stored', storedOn: receipt.storedOn, swarmSize: receipt.swarmSize, error: null });
  ctx.events.emit('message-updated', stored);
  if (!toSelf) await syncCopy(ctx, stored, signal);
  return stored;
}

export async function sendText(ctx: MessengerContext, to: string, text: string, signal?: AbortSignal): Promise<ChatMessage> {
  const body = checkText(text);
  const recipient = parseUserSessionId(typeof to === 'string' ? to.toLowerCase() : to, 'to') as string;
  const conversation = await openConversation(ctx, recipient, signal);
  const sentAt = ctx.outbox.nextSentAt();
  const { disappearing } = conversation;
  const message = ctx.db.insertMessage({
    conversationId: recipient,
    direction: 'out',
    author: ctx.keys.sessionId,
    sentAt,
    receivedAt: ctx.clock.now(),
    text: body,
    delivery: 'sending',
    storedOn: 0,
    swarmSize: 0,
    error: null,
    readAt: null,
    disappearing,
    expiresAt: expiresAtFor(disappearing, { sentAt, readAt: sentAt }),
  });
  if (message === null) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'send: a message with this sent time already exists', { details: { sentAt } });
  if (message.expiresAt !== null) ctx.expiry.reschedule();
  ctx.events.emit('message-updated', message);
  const updated = ctx.db.getConversation(recipient);
  if (updated !== null) ctx.events.emit('conversation', updated);
  return deliver(ctx, message, signal);
}

export async function retrySend(ctx: MessengerContext, messageId: number, signal?: AbortSignal): Promise<ChatMessage> {
  const message = ctx.db.getMessage(messageId);
  if (message === null) throw new HushError('HUSH_ERR_NOT_FOUND', `message ${messageId}: no such message`, { details: { field: 'messageId' } });
  if (message.direction !== 'out' || message.delivery !== 'failed') {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `message ${messageId}: only a failed message of ours can be sent again`, { details: { field: 'messageId' } });
  }
  const sending = ctx.db.updateDelivery(messageId, { delivery: 'sending', storedOn: 0, swarmSize: 0, error: null });
  ctx.events.emit('message-updated', sending);
  return deliver(ctx, sending, signal);
}
