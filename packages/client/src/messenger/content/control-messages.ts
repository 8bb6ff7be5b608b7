/**
 * The 1:1 control messages (spec client §4, §10), each a Content with sigTimestamp = sentAt and
 * no expiration fields (desktop builds all four with `makeNonDisappearingContentProto`):
 * - read receipt: ReceiptMessage{READ, timestamps = sent times of the messages read};
 * - typing: TypingMessage{timestamp = sentAt, STARTED | STOPPED} (receivers drop it otherwise);
 * - unsend: UnsendRequest{timestamp, author} of the message to delete for everyone;
 * - message-request response: MessageRequestResponse{isApproved: true, profile?}.
 */
import { HushError, parseUserSessionId, ReceiptType, TypingAction } from '@hush/core';
import type { ContentMessage, MessageRequestResponse } from '@hush/core';
import { checkTimestamp } from './content-checks.ts';
import { MAX_RECEIPT_TIMESTAMPS } from './content-limits.ts';
import { contentBase, lokiProfile } from './outgoing-parts.ts';
import type { OutgoingProfile } from './outgoing-parts.ts';

export interface ReadReceiptParams {
  readonly sentAt: number;
  /** Sent timestamps (ms) of the messages read: 1..MAX_RECEIPT_TIMESTAMPS of them. */
  readonly timestamps: readonly number[];
}

function checkTimestamps(timestamps: unknown): number[] {
  if (!Array.isArray(timestamps) || timestamps.length === 0 || timestamps.length > MAX_RECEIPT_TIMESTAMPS) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `timestamps: expected 1 to ${MAX_RECEIPT_TIMESTAMPS} timestamps`, {
      details: { field: 'timestamps', max: MAX_RECEIPT_TIMESTAMPS },
    });
  }
  return timestamps.map((t: unknown, i) => checkTimestamp(t, `timestamps[${i}]`));
}

export function readReceiptContent(params: ReadReceiptParams): ContentMessage {
  const timestamp = checkTimestamps(params.timestamps);
  return { ...contentBase(params.sentAt), receiptMessage: { type: ReceiptType.READ, timestamp } };
}

export interface TypingParams {
  readonly sentAt: number;
  readonly typing: boolean;
}

export function typingContent(params: TypingParams): ContentMessage {
  const base = contentBase(params.sentAt);
  if (typeof params.typing !== 'boolean') {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'typing: expected a boolean', { details: { field: 'typing' } });
  }
  const action = params.typing ? TypingAction.STARTED : TypingAction.STOPPED;
  return { ...base, typingMessage: { timestamp: base.sigTimestamp, action } };
}

export interface UnsendParams {
  readonly sentAt: number;
  /** Sent timestamp (ms) of the message to delete. */
  readonly timestamp: number;
  /** Its author's 05 id (receivers honour it only when that is the sender: i.e. us). */
  readonly author: string;
}

export function unsendContent(params: UnsendParams): ContentMessage {
  const timestamp = checkTimestamp(params.timestamp, 'timestamp');
  const author = parseUserSessionId(params.author, 'author');
  return { ...contentBase(params.sentAt), unsendRequest: { timestamp, author } };
}

export interface MessageRequestResponseParams {
  readonly sentAt: number;
  readonly profile?: OutgoingProfile;
}

export function messageRequestResponseContent(params: MessageRequestResponseParams): ContentMessage {
  const base = contentBase(params.sentAt);
  const profile = lokiProfile(params.profile);
  const messageRequestResponse: MessageRequestResponse = { isApproved: true, ...(profile === undefined ? {} : { profile }) };
  return { ...base, messageRequestResponse };
}
