/** What the messenger's actions (send, accept, read, unsend, ...) work with. */
import type { AccountKeys } from '@hush/core';
import type { Clock } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { OutgoingProfile } from './content/outgoing-parts.ts';
import type { MessengerDb } from './db/messenger-db-types.ts';
import type { EventHub } from './event-hub.ts';
import type { ExpiryTimer } from './expiry-timer.ts';
import type { Outbox } from './outbox.ts';
import type { OwnSwarmOps } from './own-swarm-ops.ts';

export interface MessengerContext {
  readonly keys: AccountKeys;
  readonly db: MessengerDb;
  readonly events: EventHub;
  readonly outbox: Outbox;
  readonly ownSwarm: OwnSwarmOps;
  readonly expiry: ExpiryTimer;
  readonly clock: Clock;
  readonly logger: ClientLogger;
}

/** Our profile as sent with messages, when we have a display name. */
export function ownProfile(ctx: MessengerContext): OutgoingProfile | undefined {
  const name = ctx.db.ownDisplayName();
  return name === null ? undefined : { displayName: name };
}
