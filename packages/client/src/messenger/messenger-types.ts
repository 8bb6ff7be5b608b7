/**
 * The messenger's public shapes: what `createClient` returns, what its events carry and what the
 * local database keeps. Plain data only (the web daemon sends these as JSON as they are).
 */

/** How a conversation with someone stands on this account. */
export type ConversationState =
  /** We wrote to them, accepted their request, or they are a known contact. */
  | 'accepted'
  /** They wrote first and we have not answered: a message request. */
  | 'request'
  /** We declined their request: their messages are dropped. */
  | 'declined';

/** Disappearing messages of a conversation (spec client §10). */
export type DisappearingMode = 'off' | 'after-send' | 'after-read';

export interface DisappearingSetting {
  readonly mode: DisappearingMode;
  /** Seconds; 0 when `mode` is 'off'. One of DISAPPEARING_TIMERS otherwise. */
  readonly seconds: number;
}

/** A 1:1 conversation (note-to-self when `id` is our own Session ID). */
export interface Conversation {
  /** The other side's 05… Session ID (= our own for note-to-self). */
  readonly id: string;
  readonly state: ConversationState;
  /** Their display name as last seen in a message from them, or null. */
  readonly displayName: string | null;
  /** True once they accepted us (a MessageRequestResponse or a reply). */
  readonly approvedMe: boolean;
  readonly unread: number;
  readonly disappearing: DisappearingSetting;
  /** Sent time (ms) of the newest message, or the creation time; conversations sort by it. */
  readonly lastActivityAt: number;
  /** Text of the newest message (clipped), for lists. */
  readonly lastText: string | null;
}

/** Where an outgoing message is on its way to the recipient's swarm. */
export type DeliveryState = 'sending' | 'stored' | 'failed';

export interface ChatMessage {
  /** Local id (stable for this device's database). */
  readonly id: number;
  readonly conversationId: string;
  readonly direction: 'in' | 'out';
  /** The author's Session ID (ours for 'out'). */
  readonly author: string;
  /** Envelope timestamp (network time at creation, ms): the message's identity with `author`. */
  readonly sentAt: number;
  /** When this device first had it (ms, local clock). */
  readonly receivedAt: number;
  readonly text: string;
  /** Outgoing: delivery state; incoming: always 'stored'. */
  readonly delivery: DeliveryState;
  /** Outgoing: swarm members whose signed store result verified; incoming: 0. */
  readonly storedOn: number;
  /** Outgoing: swarm members asked; incoming: 0. */
  readonly swarmSize: number;
  /** Why the last send attempt failed (a HUSH_ERR_* code), when `delivery` is 'failed'. */
  readonly error: string | null;
  /** Incoming: when we read it; outgoing: when they told us they read it (a read receipt). ms or null. */
  readonly readAt: number | null;
  readonly disappearing: DisappearingSetting;
  /** When it disappears (ms), once its timer runs; null otherwise. */
  readonly expiresAt: number | null;
}

export interface Contact {
  readonly sessionId: string;
  readonly displayName: string | null;
  readonly state: ConversationState;
  readonly approvedMe: boolean;
}

export interface ClientSettings {
  /** Send read receipts (and show theirs). Default off, as Session. */
  readonly readReceipts: boolean;
  /** Send typing indicators (and show theirs). Default off? Session: on. */
  readonly typingIndicators: boolean;
}

/** One onion path hop and how it has been doing. */
export interface PathHopStatus {
  readonly ed25519: string;
  readonly ip: string;
  readonly port: number;
  /**
   * Median round trip from us to this hop through the hops before it (ms; from idle prefix
   * probes), or null before any. Never smaller than the previous hop's.
   */
  readonly latencyMs: number | null;
  /** This hop's own share: its `latencyMs` minus the previous hop's (the guard: all of it), or null. */
  readonly hopMs: number | null;
}

export interface NetworkStatus {
  readonly paths: readonly {
    readonly id: number;
    readonly failures: number;
    readonly hops: readonly PathHopStatus[];
    /** Median round trip of recent requests on this path (ms), or null before any. */
    readonly latencyMs: number | null;
  }[];
  /** local clock − network clock, ms (positive: our clock is ahead). */
  readonly clockOffsetMs: number;
  readonly nodesKnown: number;
  /** Our own swarm: its id (16 hex) and members' Ed25519 keys. */
  readonly swarm: { readonly id: string; readonly members: readonly string[] } | null;
  /** True while the receive loop long-polls (a Hush node); false when it polls at an interval. */
  readonly longPolling: boolean;
  /** Last successful poll (ms), or null. */
  readonly lastPollAt: number | null;
  /** The last receive error (code and message), cleared by a good poll. */
  readonly lastError: { readonly code: string; readonly message: string } | null;
}

/** What `send` resolves with: the message as stored locally, after the store attempt. */
export type SentMessage = ChatMessage;

export interface ClientEvents {
  /** A new incoming visible message (not a sync copy of our own). */
  message: ChatMessage;
  /** A message changed or appeared: delivery state, read, a synced outgoing copy. */
  'message-updated': ChatMessage;
  /** A message is gone (disappeared, unsent by its author, or deleted). */
  'message-removed': { readonly id: number; readonly conversationId: string };
  /** A conversation changed (new, state, name, unread, disappearing setting). */
  conversation: Conversation;
  /** Someone started or stopped typing. */
  typing: { readonly conversationId: string; readonly typing: boolean };
  /** Network status changed (paths, poll mode, an error). */
  status: NetworkStatus;
}

export type ClientEventName = keyof ClientEvents;
