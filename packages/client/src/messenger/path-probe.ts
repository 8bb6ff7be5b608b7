/**
 * Keeps the network panel's path latencies fresh when the app is idle (long-polls are not timed):
 * a tiny `info` through the paths now and then, to a random node. Failures count against the
 * path like any request's, so a dead path is found before a message needs it.
 */
import type { OnionClient } from '../onion-client.ts';
import type { Clock } from '../runtime/clock.ts';
import { pick, type Random } from '../runtime/random.ts';

export function startPathProbe(deps: { onion: OnionClient; clock: Clock; random: Random; intervalMs: number; probes: number }): () => void {
  let cancel = (): void => undefined;
  let stopped = false;
  const probe = async (): Promise<void> => {
    for (let i = 0; i < deps.probes && !stopped; i++) {
      const node = pick(deps.random, deps.onion.nodes());
      if (node === undefined) return;
      await deps.onion.request(node, { method: 'info', params: {} }).catch(() => undefined);
    }
  };
  const tick = (): void => {
    void probe().finally(() => {
      if (!stopped) cancel = deps.clock.setTimer(deps.intervalMs, tick);
    });
  };
  tick();
  return () => {
    stopped = true;
    cancel();
  };
}
