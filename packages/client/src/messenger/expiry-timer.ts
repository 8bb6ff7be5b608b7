/**
 * Disappearing messages on this device: one timer set for the next expiry in the database; when
 * it fires, every message due is deleted and reported, and the timer is set for the next one.
 */
import type { Clock } from '../runtime/clock.ts';
import type { EventHub } from './event-hub.ts';
import type { MessengerDb } from './db/messenger-db-types.ts';

export interface ExpiryTimer {
  /** Looks at the database again (a message got or lost an expiry). */
  reschedule(): void;
  stop(): void;
}

/** setTimeout's largest delay; a later expiry is looked at again after this. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export function createExpiryTimer(deps: { db: MessengerDb; events: EventHub; clock: Clock }): ExpiryTimer {
  let cancel: (() => void) | null = null;
  let stopped = false;

  function expireDue(): void {
    const due = deps.db.dueToExpire(deps.clock.now());
    for (const m of due) {
      deps.db.deleteMessage(m.id);
      deps.events.emit('message-removed', { id: m.id, conversationId: m.conversationId });
    }
    const touched = new Set(due.map((m) => m.conversationId));
    for (const id of touched) {
      const conversation = deps.db.getConversation(id);
      if (conversation !== null) deps.events.emit('conversation', conversation);
    }
  }

  function reschedule(): void {
    cancel?.();
    cancel = null;
    if (stopped) return;
    expireDue();
    const next = deps.db.nextExpiry();
    if (next === null) return;
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, next - deps.clock.now()));
    cancel = deps.clock.setTimer(delay, reschedule);
  }

  return {
    reschedule,
    stop() {
      stopped = true;
      cancel?.();
      cancel = null;
    },
  };
}
