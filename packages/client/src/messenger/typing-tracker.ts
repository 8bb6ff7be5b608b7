/**
 * Typing indicators from others: shown on STARTED, hidden on STOPPED, on their next message, or
 * after `timeoutMs` without a refresh (a lost STOPPED must not leave "typing…" forever).
 */
import type { Clock } from '../runtime/clock.ts';
import type { EventHub } from './event-hub.ts';

export interface TypingTracker {
  set(conversationId: string, typing: boolean): void;
  stop(): void;
}

export function createTypingTracker(deps: { events: EventHub; clock: Clock; timeoutMs: number }): TypingTracker {
  const timers = new Map<string, () => void>();
  const clear = (id: string): boolean => {
    const cancel = timers.get(id);
    cancel?.();
    return timers.delete(id);
  };
  const set = (conversationId: string, typing: boolean): void => {
    const was = clear(conversationId);
    if (typing) timers.set(conversationId, deps.clock.setTimer(deps.timeoutMs, () => set(conversationId, false)));
    if (typing || was) deps.events.emit('typing', { conversationId, typing });
  };
  return {
    set,
    stop() {
      for (const id of [...timers.keys()]) clear(id);
    },
  };
}
