/** The client's typed events. A throwing handler is logged and does not stop the others. */
import type { ClientLogger } from '../runtime/logger.ts';
import type { ClientEventName, ClientEvents } from './messenger-types.ts';

type Handler<E extends ClientEventName> = (value: ClientEvents[E]) => void;

export interface EventHub {
  on<E extends ClientEventName>(event: E, handler: Handler<E>): () => void;
  off<E extends ClientEventName>(event: E, handler: Handler<E>): void;
  emit<E extends ClientEventName>(event: E, value: ClientEvents[E]): void;
  clear(): void;
}

export function createEventHub(logger: ClientLogger): EventHub {
  const handlers = new Map<ClientEventName, Set<(value: never) => void>>();
  const hub: EventHub = {
    on(event, handler) {
      let set = handlers.get(event);
      if (set === undefined) handlers.set(event, (set = new Set()));
      set.add(handler as (value: never) => void);
      return () => hub.off(event, handler);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler as (value: never) => void);
    },
    emit(event, value) {
      for (const handler of [...(handlers.get(event) ?? [])]) {
        try {
          (handler as Handler<typeof event>)(value);
        } catch (err) {
          logger.warn('event_handler_failed', { event, error: err instanceof Error ? err.message : String(err) });
        }
      }
    },
    clear: () => handlers.clear(),
  };
  return hub;
}
