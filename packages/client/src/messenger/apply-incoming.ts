/**
 * Applies one classified incoming item to the local database and tells the app (events). Each
 * kind is a small step; none throws on a well-formed item (the pipeline logs and goes on if one
 * does).
 */
import type { ApplyContext } from './apply-context.ts';
import type {
  IncomingItem,
  IncomingReadReceipt,
  IncomingRequestResponse,
  IncomingText,
  IncomingTimerUpdate,
  IncomingUnsend,
} from './content/incoming-item.ts';
import { expiresAtFor } from './expiry-time.ts';
import type { SwarmMessage } from './swarm-page.ts';

/** Their first message makes a request; a declined conversation drops it. Null = drop. */
function conversationFor(ctx: ApplyContext, item: IncomingText | IncomingTimerUpdate): string | null {
  const id = item.conversationId;
  const existing = ctx.db.getConversation(id);
  if (existing?.state === 'declined' && !item.outgoing) return null;
  const { conversation, created } = ctx.db.ensureConversation(id, item.outgoing ? 'accepted' : 'request', item.sentAt);
  if (!item.outgoing && !conversation.approvedMe) ctx.db.setApprovedMe(id, true);
  // Another of our devices wrote to them: the conversation is accepted here too.
  if (item.outgoing && conversation.state !== 'accepted') ctx.events.emit('conversation', ctx.db.setConversationState(id, 'accepted'));
  else if (created) ctx.events.emit('conversation', conversation);
  return id;
}

function applyText(ctx: ApplyContext, item: IncomingText, swarm: SwarmMessage): number {
  const conversationId = conversationFor(ctx, item);
  if (conversationId === null) return 0;
  if (!item.outgoing && item.displayName !== null) ctx.db.setProfileName(item.author, item.displayName, item.sentAt);
  // Ours are read by us when sent (after-read timers start then); `readAt` of ours = their receipt.
  const startedAt = item.outgoing ? item.sentAt : null;
  const inserted = ctx.db.insertMessage({
    conversationId,
    direction: item.outgoing ? 'out' : 'in',
    author: item.author,
    sentAt: item.sentAt,
    receivedAt: ctx.now(),
    text: item.text,
    delivery: 'stored',
    storedOn: 0,
    swarmSize: 0,
    error: null,
    readAt: null,
    disappearing: item.disappearing,
    expiresAt: expiresAtFor(item.disappearing, { sentAt: item.sentAt, readAt: startedAt, swarmExpiry: swarm.expiration }),
    hashes: { ours: swarm.hash },
  });
  if (inserted === null) return 0;
  if (!item.outgoing) ctx.typing(conversationId, false);
  if (inserted.expiresAt !== null) ctx.expiryChanged();
  ctx.events.emit(item.outgoing ? 'message-updated' : 'message', inserted);
  const conversation = ctx.db.getConversation(conversationId);
  if (conversation !== null) ctx.events.emit('conversation', conversation);
  return 1;
}

function applyTimer(ctx: ApplyContext, item: IncomingTimerUpdate): number {
  const conversationId = conversationFor(ctx, item);
  if (conversationId === null) return 0;
  ctx.events.emit('conversation', ctx.db.setConversationDisappearing(conversationId, item.disappearing));
  return 1;
}

function applyReceipt(ctx: ApplyContext, item: IncomingReadReceipt): number {
  if (!ctx.db.settings().readReceipts || ctx.db.getConversation(item.conversationId) === null) return 0;
  const read = ctx.db.markOutgoingRead(item.conversationId, item.timestamps, item.readAt);
  for (const m of read) ctx.events.emit('message-updated', m);
  return read.length;
}

function applyUnsend(ctx: ApplyContext, item: IncomingUnsend): number {
  const target = ctx.db.findMessage(item.author, item.timestamp);
  if (target === null) return 0;
  if (!item.fromSelf && target.conversationId !== item.conversationId) return 0;
  // Only the copy in our own swarm can be deleted by us (the recipient's needs their key).
  const { ours } = ctx.db.messageHashes(target.id);
  ctx.db.deleteMessage(target.id);
  if (ours !== null) ctx.deleteFromOwnSwarm([ours]);
  ctx.events.emit('message-removed', { id: target.id, conversationId: target.conversationId });
  const conversation = ctx.db.getConversation(target.conversationId);
  if (conversation !== null) ctx.events.emit('conversation', conversation);
  return 1;
}

function applyResponse(ctx: ApplyContext, item: IncomingRequestResponse): number {
  const existing = ctx.db.getConversation(item.conversationId);
  if (existing?.state === 'declined') return 0;
  const now = ctx.now();
  ctx.db.ensureConversation(item.conversationId, 'request', now);
  if (item.displayName !== null) ctx.db.setProfileName(item.conversationId, item.displayName, now);
  ctx.events.emit('conversation', ctx.db.setApprovedMe(item.conversationId, item.approved));
  return 1;
}

/** Returns 1 when the item showed something new (a message, a setting), 0 otherwise. */
export function applyIncoming(ctx: ApplyContext, item: IncomingItem, swarm: SwarmMessage): number {
  switch (item.kind) {
    case 'text':
      return applyText(ctx, item, swarm);
    case 'timer-update':
      return applyTimer(ctx, item);
    case 'read-receipt':
      return applyReceipt(ctx, item);
    case 'typing':
      if (ctx.db.settings().typingIndicators && ctx.db.getConversation(item.conversationId) !== null) ctx.typing(item.conversationId, item.typing);
      return 0;
    case 'unsend':
      return applyUnsend(ctx, item);
    case 'request-response':
      return applyResponse(ctx, item);
    case 'ignored':
      ctx.logger.debug('incoming_ignored', { reason: item.reason });
      return 0;
  }
}
