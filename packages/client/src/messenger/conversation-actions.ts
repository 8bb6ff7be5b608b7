/**
 * What a user does to a conversation besides sending text (spec client §10): accept or decline
 * a request, read (receipts, after-read timers and the swarm TTL shortened to match), typing,
 * the disappearing-messages setting, and unsend (delete for everyone).
 */
import { HushError, isHushError } from '@hush/core';
import { checkDisappearing } from './content/content-checks.ts';
import { messageRequestResponseContent, readReceiptContent, typingContent, unsendContent } from './content/control-messages.ts';
import { expirationTimerUpdateContent } from './content/expiration-timer-update.ts';
import { ttlFor } from './content/message-ttl.ts';
import { ownProfile, type MessengerContext } from './messenger-context.ts';
import type { ChatMessage, Conversation, DisappearingSetting } from './messenger-types.ts';

function needConversation(ctx: MessengerContext, id: string): Conversation {
  const conversation = typeof id === 'string' ? ctx.db.getConversation(id.toLowerCase()) : null;
  if (conversation === null) throw new HushError('HUSH_ERR_NOT_FOUND', `no conversation with ${String(id).slice(0, 12)}…`, { details: { field: 'conversationId' } });
  return conversation;
}

const isSelf = (ctx: MessengerContext, id: string): boolean => id === ctx.keys.sessionId;

export async function acceptRequest(ctx: MessengerContext, id: string, signal?: AbortSignal): Promise<void> {
  const conversation = needConversation(ctx, id);
  ctx.events.emit('conversation', ctx.db.setConversationState(conversation.id, 'accepted'));
  if (isSelf(ctx, conversation.id)) return;
  const sentAt = ctx.outbox.nextSentAt();
  const profile = ownProfile(ctx);
  const content = messageRequestResponseContent({ sentAt, ...(profile === undefined ? {} : { profile }) });
  await ctx.outbox.send(conversation.id, content, sentAt, ttlFor('request-response'), signal);
}

export function declineRequest(ctx: MessengerContext, id: string): void {
  const conversation = needConversation(ctx, id);
  ctx.events.emit('conversation', ctx.db.setConversationState(conversation.id, 'declined'));
}

/** After-read timers start now; our swarm's copies are shortened to the same moment. */
async function startReadTimers(ctx: MessengerContext, read: readonly ChatMessage[], signal?: AbortSignal): Promise<void> {
  const byExpiry = new Map<number, string[]>();
  for (const m of read) {
    if (m.disappearing.mode !== 'after-read' || m.readAt === null) continue;
    const expiresAt = m.readAt + m.disappearing.seconds * 1000;
    ctx.events.emit('message-updated', ctx.db.setExpiresAt(m.id, expiresAt));
    const { ours } = ctx.db.messageHashes(m.id);
    if (ours !== null) byExpiry.set(expiresAt, [...(byExpiry.get(expiresAt) ?? []), ours]);
  }
  ctx.expiry.reschedule();
  for (const [expiry, hashes] of byExpiry) {
    await ctx.ownSwarm.shortenExpiry(hashes, expiry, signal).catch((err: unknown) => {
      ctx.logger.warn('shorten_expiry_failed', { count: hashes.length, code: isHushError(err) ? err.code : 'UNKNOWN' });
    });
  }
}

export async function markRead(ctx: MessengerContext, id: string, signal?: AbortSignal): Promise<void> {
  const conversation = needConversation(ctx, id);
  const read = ctx.db.markIncomingRead(conversation.id, ctx.clock.now());
  if (read.length === 0) return;
  for (const m of read) if (m.disappearing.mode !== 'after-read') ctx.events.emit('message-updated', m);
  const updated = ctx.db.getConversation(conversation.id);
  if (updated !== null) ctx.events.emit('conversation', updated);
  await startReadTimers(ctx, read, signal);
  if (!ctx.db.settings().readReceipts || isSelf(ctx, conversation.id)) return;
  const sentAt = ctx.outbox.nextSentAt();
  const content = readReceiptContent({ sentAt, timestamps: read.map((m) => m.sentAt) });
  await ctx.outbox.send(conversation.id, content, sentAt, ttlFor('read-receipt'), signal);
}

export async function setTyping(ctx: MessengerContext, id: string, typing: boolean, signal?: AbortSignal): Promise<void> {
  const conversation = needConversation(ctx, id);
  if (!ctx.db.settings().typingIndicators || isSelf(ctx, conversation.id)) return;
  const sentAt = ctx.outbox.nextSentAt();
  await ctx.outbox.send(conversation.id, typingContent({ sentAt, typing: typing === true }), sentAt, ttlFor('typing'), signal);
}

export async function setDisappearing(ctx: MessengerContext, id: string, setting: DisappearingSetting, signal?: AbortSignal): Promise<void> {
  const checked = checkDisappearing(setting);
  const conversation = needConversation(ctx, id);
  ctx.events.emit('conversation', ctx.db.setConversationDisappearing(conversation.id, checked));
  const sentAt = ctx.outbox.nextSentAt();
  const ttl = ttlFor('timer-update', checked);
  if (!isSelf(ctx, conversation.id)) {
    await ctx.outbox.send(conversation.id, expirationTimerUpdateContent({ sentAt, disappearing: checked }), sentAt, ttl, signal);
  }
  const sync = expirationTimerUpdateContent({ sentAt, disappearing: checked, ...(isSelf(ctx, conversation.id) ? {} : { syncTarget: conversation.id }) });
  await ctx.outbox.send(ctx.keys.sessionId, sync, sentAt, ttl, signal);
}

export async function unsend(ctx: MessengerContext, messageId: number, signal?: AbortSignal): Promise<void> {
  const message = ctx.db.getMessage(messageId);
  if (message === null) throw new HushError('HUSH_ERR_NOT_FOUND', `message ${messageId}: no such message`, { details: { field: 'messageId' } });
  if (message.direction !== 'out') throw new HushError('HUSH_ERR_BAD_ARGUMENT', `message ${messageId}: only your own messages can be unsent`, { details: { field: 'messageId' } });
  // Read before sending: our own receive loop may apply the synced unsend (and delete the row) first.
  const { ours } = ctx.db.messageHashes(message.id);
  const sentAt = ctx.outbox.nextSentAt();
  const content = unsendContent({ sentAt, timestamp: message.sentAt, author: ctx.keys.sessionId });
  const ttl = ttlFor('unsend');
  if (!isSelf(ctx, message.conversationId) && message.delivery === 'stored') await ctx.outbox.send(message.conversationId, content, sentAt, ttl, signal);
  await ctx.outbox.send(ctx.keys.sessionId, content, sentAt, ttl, signal);
  if (ours !== null) await ctx.ownSwarm.deleteHashes([ours], signal);
  if (!ctx.db.deleteMessage(message.id)) return; // already removed (and reported) by the receive loop
  ctx.events.emit('message-removed', { id: message.id, conversationId: message.conversationId });
  const conversation = ctx.db.getConversation(message.conversationId);
  if (conversation !== null) ctx.events.emit('conversation', conversation);
}
