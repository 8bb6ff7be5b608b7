/**
 * The messenger SDK's surface: `const client = await createClient({ dataDir, network })`, then
 * `client.send(id, text)`, `client.on('message', fn)`, `await client.close()`.
 */
import type { NetworkOption } from '../network-option.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { Random } from '../runtime/random.ts';
import type { ClientLimits } from '../limits.ts';
import type {
  ChatMessage,
  ClientEventName,
  ClientEvents,
  ClientSettings,
  Contact,
  Conversation,
  DisappearingSetting,
  NetworkStatus,
  SentMessage,
} from './messenger-types.ts';

export interface CreateClientOptions {
  /** Directory holding `account.json` (the key store) and `messenger.db`. Created if missing. */
  readonly dataDir: string;
  /** Where the nodes are: a devnet.json path, a registry URL, or seed nodes (see NetworkOption). */
  readonly network: NetworkOption;
  /** Use this seed instead of the data directory's account.json (which is then created with it if missing). */
  readonly seed?: Uint8Array;
  /** When the data directory has no account (and no `seed` is given), make a new one (a fresh 16-byte seed). */
  readonly createAccount?: boolean;
  /**
   * Receive messages (poll / long-poll the account's swarm). Default true; `hush send` turns it
   * off. Only one receiving client per data directory at a time (`receive.lock`): a second is
   * refused with HUSH_ERR_ALREADY_RUNNING naming the process that receives.
   */
  readonly receive?: boolean;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: ClientLogger;
  readonly limits?: Partial<ClientLimits>;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
}

export type Unsubscribe = () => void;

export interface HushClient {
  /** Our 05… Session ID. */
  readonly sessionId: string;
  /** Encrypts, stores in the recipient's swarm (retrying) and syncs a copy to our own swarm. */
  send(to: string, text: string, options?: SendOptions): Promise<SentMessage>;
  /** Sends a failed message again. */
  retry(messageId: number, options?: SendOptions): Promise<SentMessage>;
  on<E extends ClientEventName>(event: E, handler: (value: ClientEvents[E]) => void): Unsubscribe;
  off<E extends ClientEventName>(event: E, handler: (value: ClientEvents[E]) => void): void;
  /** Accepted conversations, newest activity first. */
  conversations(): Conversation[];
  /** Message requests (unknown senders), newest first. */
  requests(): Conversation[];
  conversation(id: string): Conversation | null;
  /** A conversation's messages, oldest first; `before` (a message id) pages back. */
  messages(conversationId: string, options?: { readonly limit?: number; readonly before?: number }): ChatMessage[];
  contacts(): Contact[];
  /** Accepts a request: sends a MessageRequestResponse (with our profile). */
  acceptRequest(id: string, options?: SendOptions): Promise<void>;
  /** Declines a request: their messages are dropped from now on (local only, as Session). */
  declineRequest(id: string): Promise<void>;
  /** Marks a conversation read: read receipts (if on), after-read timers start. */
  markRead(conversationId: string, options?: SendOptions): Promise<void>;
  /** Tells the other side we are typing (if the setting is on). */
  setTyping(conversationId: string, typing: boolean, options?: SendOptions): Promise<void>;
  /** Sets disappearing messages for a conversation and tells the other side (and our devices). */
  setDisappearing(conversationId: string, setting: DisappearingSetting, options?: SendOptions): Promise<void>;
  /** Deletes one of our messages for everyone: UnsendRequest to them and to our devices, and delete on the swarms. */
  unsend(messageId: number, options?: SendOptions): Promise<void>;
  /** Our display name (sent with messages), or null. */
  displayName(): string | null;
  setDisplayName(name: string): Promise<void>;
  settings(): ClientSettings;
  updateSettings(settings: Partial<ClientSettings>): Promise<ClientSettings>;
  status(): NetworkStatus;
  /** Polls our swarm once now; resolves with the number of new messages. */
  syncNow(options?: SendOptions): Promise<number>;
  /** Stops polling, timers and connections; the database is closed. */
  close(): Promise<void>;
}
