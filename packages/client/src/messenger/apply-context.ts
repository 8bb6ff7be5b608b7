/** What the receive side's apply steps work with. */
import type { ClientLogger } from '../runtime/logger.ts';
import type { EventHub } from './event-hub.ts';
import type { MessengerDb } from './db/messenger-db-types.ts';

export interface ApplyContext {
  readonly db: MessengerDb;
  readonly events: EventHub;
  readonly logger: ClientLogger;
  /** Our 05… Session ID. */
  readonly ownId: string;
  /** Local clock (ms) for receivedAt / readAt stamps. */
  readonly now: () => number;
  /** Deletes hashes from our own swarm (an unsent message's copies); fire and forget. */
  readonly deleteFromOwnSwarm: (hashes: readonly string[]) => void;
  /** A message got an expiry: the disappearing timer must look again. */
  readonly expiryChanged: () => void;
  /** Someone typing; the tracker times the indicator out. */
  readonly typing: (conversationId: string, typing: boolean) => void;
}
