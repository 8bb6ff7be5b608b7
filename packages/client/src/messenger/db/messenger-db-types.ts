/**
 * The messenger's local database as the rest of the SDK sees it: one SQLite file per account
 * (`<dataDir>/messenger.db`). Every method is synchronous; everything returned is a fresh plain
 * object of messenger-types.ts. Argument errors name the field (HUSH_ERR_BAD_ARGUMENT,
 * HUSH_ERR_BAD_SESSION_ID, HUSH_ERR_TOO_LARGE); unknown ids in updates are HUSH_ERR_NOT_FOUND;
 * damaged rows are HUSH_ERR_BAD_DATABASE; SQLite failures (disk full, locked) are
 * HUSH_ERR_STORAGE; any call after close() is HUSH_ERR_CLOSED.
 */
import type Database from 'better-sqlite3';
import type {
  ChatMessage,
  ClientSettings,
  Contact,
  Conversation,
  ConversationState,
  DeliveryState,
  DisappearingSetting,
} from '../messenger-types.ts';

export interface MessengerDbOptions {
  /** Our own 05… Session ID: the file is bound to it (another account's file is refused), and it marks note-to-self. */
  readonly self: string;
  /** Clock for the times the database stamps itself (own display-name changes). Default Date.now. */
  readonly now?: () => number;
}

/** Swarm message hashes: `theirs` = the copy in the recipient's swarm, `ours` = the copy in our own swarm. */
export interface MessageHashes {
  readonly theirs?: string;
  readonly ours?: string;
}

/** A message to store: everything but its local id (`author` is ours for 'out', the conversation's id for 'in'; `delivery` is 'stored' for 'in'). */
export type NewMessage = Omit<ChatMessage, 'id'> & { readonly hashes?: MessageHashes };

export interface DeliveryUpdate {
  readonly delivery: DeliveryState;
  readonly storedOn: number;
  readonly swarmSize: number;
  readonly error: string | null;
}

export interface ListMessagesOptions {
  /** At most this many (default 100, at most 1000). */
  readonly limit?: number;
  /** A message id of this conversation: return the messages before it (the previous page). */
  readonly before?: number;
}

export interface OwnProfile {
  readonly displayName: string | null;
  /** When we last set it (ms), or null if never: Session's `lastProfileUpdateSeconds` × 1000. */
  readonly updatedAt: number | null;
}

export interface MessengerDb {
  /** The database file's path. */
  readonly file: string;
  /** Closes the file (idempotent); later calls throw HUSH_ERR_CLOSED. */
  close(): void;
  /** Runs `fn` in one transaction (nested calls become savepoints); all or nothing. */
  transaction<T>(fn: () => T): T;

  /** The conversation with this id, or null. */
  getConversation(id: string): Conversation | null;
  /** Creates the conversation in `state` at time `at` if missing; never changes an existing one. */
  ensureConversation(id: string, state: ConversationState, at: number): { conversation: Conversation; created: boolean };
  /** Sets the conversation's state (HUSH_ERR_NOT_FOUND if missing). */
  setConversationState(id: string, state: ConversationState): Conversation;
  /** Records whether they accepted us. */
  setApprovedMe(id: string, approved: boolean): Conversation;
  /** Sets the conversation's disappearing-messages setting. */
  setConversationDisappearing(id: string, setting: DisappearingSetting): Conversation;
  /** Conversations in `state`, newest lastActivityAt first (ties by id). */
  listConversations(state: ConversationState): Conversation[];
  /** Deletes the conversation and its messages (no-op if missing); the profile name stays. */
  deleteConversation(id: string): void;
  /** Every conversation except note-to-self, with the name from profiles (by name, then id). */
  listContacts(): Contact[];

  /** Records someone's display name as of `updatedAt`; ignored if older than the stored one; true when the name changed. */
  setProfileName(sessionId: string, name: string | null, updatedAt: number): boolean;
  /** Someone's last known display name, or null. */
  getProfileName(sessionId: string): string | null;

  /** Stores a message (its conversation must exist); null when (author, sentAt) is already stored. */
  insertMessage(m: NewMessage): ChatMessage | null;
  /** The message with this local id, or null. */
  getMessage(id: number): ChatMessage | null;
  /** The message with this identity (author, sent timestamp), or null. */
  findMessage(author: string, sentAt: number): ChatMessage | null;
  /** The swarm hashes recorded for a message (HUSH_ERR_NOT_FOUND if missing). */
  messageHashes(id: number): { theirs: string | null; ours: string | null };
  /** Records the given swarm hashes of a message, keeping the others. */
  setMessageHashes(id: number, hashes: MessageHashes): void;
  /** Records a send attempt's outcome. */
  updateDelivery(id: number, u: DeliveryUpdate): ChatMessage;
  /** Marks the conversation's unread incoming messages read at `readAt`; returns those changed, oldest first. */
  markIncomingRead(conversationId: string, readAt: number): ChatMessage[];
  /** A read receipt: marks our messages with these sent timestamps read (if not yet); returns those changed. */
  markOutgoingRead(conversationId: string, sentAts: readonly number[], readAt: number): ChatMessage[];
  /** Sets (or clears) when a message disappears. */
  setExpiresAt(id: number, expiresAt: number | null): ChatMessage;
  /** Messages whose expiresAt ≤ now, soonest first, at most 1000 per call. */
  dueToExpire(now: number): ChatMessage[];
  /** The smallest expiresAt of any message, or null. */
  nextExpiry(): number | null;
  /** Deletes one message; true when it existed. */
  deleteMessage(id: number): boolean;
  /** A page of a conversation's messages, oldest first (by sent time, then id). */
  listMessages(conversationId: string, options?: ListMessagesOptions): ChatMessage[];

  /** Remembers a swarm message hash until `expiresAt`; true when it was not already known. */
  markSeen(hash: string, expiresAt: number): boolean;
  /** Forgets hashes whose expiry ≤ now; returns how many. */
  sweepSeen(now: number): number;
  /** The last message hash retrieved from our swarm in this namespace, or null. */
  getLastHash(namespace: number): string | null;
  /** Records the last message hash retrieved in this namespace. */
  setLastHash(namespace: number, hash: string): void;

  /** The client settings (defaults: readReceipts false, typingIndicators true). */
  settings(): ClientSettings;
  /** Changes the given settings; returns them all. */
  updateSettings(s: Partial<ClientSettings>): ClientSettings;
  /** Our display name, or null. */
  ownDisplayName(): string | null;
  /** Sets (or clears) our display name, stamped with the clock. */
  setOwnDisplayName(name: string | null): void;
  /** Our display name with when it was last set. */
  ownProfile(): OwnProfile;
}

/** What every query group is built from. */
export interface DbContext {
  readonly db: Database.Database;
  readonly file: string;
  readonly self: string;
  readonly now: () => number;
}
