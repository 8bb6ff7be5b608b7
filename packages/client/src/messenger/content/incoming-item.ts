/**
 * What one decrypted 1:1 Content means to the messenger (`classifyContent`'s answer): a
 * discriminated union on `kind`. Plain data; every string and count is already bounded.
 */
import type { ContentMessage } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';

/** A visible text message, from a peer, a sync copy of ours, or note-to-self. */
export interface IncomingText {
  readonly kind: 'text';
  /** The peer's 05 id (the sync target for a copy of ours; our own id for note-to-self). */
  readonly conversationId: string;
  /** Who wrote it: the sender (our own id when `outgoing`). */
  readonly author: string;
  /** Envelope timestamp = sigTimestamp (ms): the message's identity with `author`. */
  readonly sentAt: number;
  readonly text: string;
  /** The sender's display name carried with the message (≤ 100 bytes, not blank), or null. */
  readonly displayName: string | null;
  readonly disappearing: DisappearingSetting;
  /** True for our own messages (a copy from another of our devices, or note-to-self). */
  readonly outgoing: boolean;
}

/** A change of a conversation's disappearing-messages setting. */
export interface IncomingTimerUpdate {
  readonly kind: 'timer-update';
  readonly conversationId: string;
  readonly author: string;
  readonly sentAt: number;
  readonly disappearing: DisappearingSetting;
  readonly outgoing: boolean;
}

/** The peer read our messages sent at `timestamps`. */
export interface IncomingReadReceipt {
  readonly kind: 'read-receipt';
  readonly conversationId: string;
  /** Sent timestamps (ms) of our messages they read; 1..MAX_RECEIPT_TIMESTAMPS, each > 0. */
  readonly timestamps: readonly number[];
  /** When they read them: the receipt's own sent time (ms), as desktop uses it. */
  readonly readAt: number;
}

export interface IncomingTyping {
  readonly kind: 'typing';
  readonly conversationId: string;
  readonly typing: boolean;
}

/**
 * Delete for everyone: the message (`author`, sent at `timestamp`) is to be removed. Only ever
 * produced when `author` is the sender. When `fromSelf` (our own unsend, synced from another of our
 * devices) the conversation is not on the wire: `conversationId` is then our own id and the
 * message must be found by (author, timestamp).
 */
export interface IncomingUnsend {
  readonly kind: 'unsend';
  readonly conversationId: string;
  readonly author: string;
  readonly timestamp: number;
  readonly fromSelf: boolean;
}

/** The peer answered our message request. */
export interface IncomingRequestResponse {
  readonly kind: 'request-response';
  readonly conversationId: string;
  readonly approved: boolean;
  readonly displayName: string | null;
}

/** Anything the messenger does not act on, with a short reason for logs. */
export interface IncomingIgnored {
  readonly kind: 'ignored';
  readonly reason: string;
}

export type IncomingItem =
  | IncomingText
  | IncomingTimerUpdate
  | IncomingReadReceipt
  | IncomingTyping
  | IncomingUnsend
  | IncomingRequestResponse
  | IncomingIgnored;

export type IncomingKind = IncomingItem['kind'];

export function ignored(reason: string): IncomingIgnored {
  return { kind: 'ignored', reason };
}

export function isIgnored(value: unknown): value is IncomingIgnored {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'ignored';
}

/** What `classifyContent` reads: a Content as `decodeFor1o1` returned it, and who sent it to whom. */
export interface ClassifyContentInput {
  readonly content: ContentMessage;
  /** The decrypted sender's 05 id (`decodeFor1o1().senderSessionId`). */
  readonly sender: string;
  /** Envelope timestamp (ms); core already checked it equals sigTimestamp. */
  readonly envelopeTimestamp: number;
  /** Our own 05 id. */
  readonly ownSessionId: string;
}
