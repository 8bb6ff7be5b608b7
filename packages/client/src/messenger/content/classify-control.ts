/**
 * Classifies the 1:1 control messages (desktop `ts/receiver/contentMessage.ts`):
 * - read receipt: READ only, from a peer, 1..MAX_RECEIPT_TIMESTAMPS positive timestamps;
 * - typing: from a peer, its timestamp equal to the envelope's (desktop drops it otherwise);
 * - unsend: honoured only when the target's author is the sender (a peer can only delete its own
 *   messages; desktop `handleUnsendMessage`); ours, synced from another device, has `fromSelf`;
 * - message-request response: from a peer.
 * Receipts, typing and request responses from our own id (another of our devices) are ignored:
 * Session does not sync them through the swarm.
 */
import { parseUserSessionId, ReceiptType, TypingAction } from '@hush/core';
import type { MessageRequestResponse, ReceiptMessage, TypingMessage, UnsendRequest } from '@hush/core';
import { MAX_RECEIPT_TIMESTAMPS } from './content-limits.ts';
import { incomingDisplayName } from './incoming-fields.ts';
import { ignored } from './incoming-item.ts';
import type { ClassifyContentInput, IncomingItem } from './incoming-item.ts';

function fromSelf(input: ClassifyContentInput): boolean {
  return input.sender === input.ownSessionId;
}

export function classifyReceipt(input: ClassifyContentInput, receipt: ReceiptMessage): IncomingItem {
  if (fromSelf(input)) return ignored('read receipt from our own account');
  if (receipt.type !== ReceiptType.READ) return ignored(`receipt type ${receipt.type} (only READ is used)`);
  const timestamps = receipt.timestamp ?? [];
  if (timestamps.length === 0) return ignored('read receipt without timestamps');
  if (timestamps.length > MAX_RECEIPT_TIMESTAMPS) return ignored(`read receipt with ${timestamps.length} timestamps (max ${MAX_RECEIPT_TIMESTAMPS})`);
  if (timestamps.some((t) => t <= 0)) return ignored('read receipt with a zero timestamp');
  return { kind: 'read-receipt', conversationId: input.sender, timestamps: [...timestamps], readAt: input.envelopeTimestamp };
}

export function classifyTyping(input: ClassifyContentInput, typing: TypingMessage): IncomingItem {
  if (fromSelf(input)) return ignored('typing indicator from our own account');
  if (typing.timestamp !== input.envelopeTimestamp) return ignored('typing timestamp differs from the envelope timestamp');
  if (typing.action !== TypingAction.STARTED && typing.action !== TypingAction.STOPPED) {
    return ignored(`typing action ${typing.action} (unknown)`);
  }
  return { kind: 'typing', conversationId: input.sender, typing: typing.action === TypingAction.STARTED };
}

function authorOf(unsend: UnsendRequest): string | null {
  try {
    return parseUserSessionId(unsend.author, 'author');
  } catch {
    return null;
  }
}

export function classifyUnsend(input: ClassifyContentInput, unsend: UnsendRequest): IncomingItem {
  const author = authorOf(unsend);
  if (author === null) return ignored('unsend request whose author is not a 05 Session ID');
  if (author !== input.sender) return ignored("unsend request for someone else's message");
  if (unsend.timestamp <= 0) return ignored('unsend request without a timestamp');
  return { kind: 'unsend', conversationId: input.sender, author, timestamp: unsend.timestamp, fromSelf: fromSelf(input) };
}

export function classifyRequestResponse(input: ClassifyContentInput, response: MessageRequestResponse): IncomingItem {
  if (fromSelf(input)) return ignored('message-request response from our own account');
  return {
    kind: 'request-response',
    conversationId: input.sender,
    approved: response.isApproved,
    displayName: incomingDisplayName(response.profile),
  };
}
