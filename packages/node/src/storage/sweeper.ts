/**
 * Deletes expired messages every `intervalMs` (SS CLEANUP_PERIOD = 10 s) and refreshes the
 * stored-message gauges afterwards. Reads already hide expired rows; this reclaims the space.
 */
import type { Logger } from '../log/logger.ts';
import type { MessageStore } from './message-store.ts';

export interface SweeperOptions {
  readonly store: MessageStore;
  readonly clock: () => number;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Called after each sweep with the current totals. */
  readonly onStats?: (stats: { messages: number; bytes: number; swept: number }) => void;
}

export interface Sweeper {
  start(): void;
  stop(): Promise<void>;
  /** One sweep now (also used by tests). */
  sweepOnce(): Promise<number>;
}

export function createSweeper(options: SweeperOptions): Sweeper {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  const sweepOnce = async (): Promise<number> => {
    const now = options.clock();
    const { deleted } = await options.store.write({ op: 'sweep', now });
    if (deleted > 0) options.logger.debug('expired_swept', { deleted });
    options.onStats?.({ ...options.store.stats(now), swept: deleted });
    return deleted;
  };

  const tick = (): void => {
    if (running !== undefined) return;
    running = sweepOnce()
      .catch((err: unknown) => {
        options.logger.warn('sweep_failed', { error: err });
        return 0;
      })
      .finally(() => (running = undefined));
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, options.intervalMs);
      timer.unref();
      tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
    sweepOnce,
  };
}
