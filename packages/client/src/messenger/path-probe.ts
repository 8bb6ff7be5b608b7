/**
 * Keeps the network panel's path figures fresh when the app is idle (long-polls are not timed).
 * Every `intervalMs` a round: a tiny `info` through the paths to a random node, `probes` times
 * (failures count against the path like any request's, so a dead path is found before a message
 * needs it), then the prefix probes of up to `hopPaths` paths for per-hop latency (onion
 * `probeHops`: 3 `info`s per path; a failure counts against the hop it points at). Between rounds
 * it looks every `hopCheckMs` for paths probed fewer than `hopFirstRounds` times — new, or
 * repaired with another node — and probes their prefixes again, so a new path shows its hops'
 * latency within seconds rather than at the next round, and its first (cold-connection) round
 * trips do not stand alone as its median for a whole interval; a path whose probe failed waits
 * for the next round (the failure already counted against its hop). At most (probes + 3·hopPaths)
 * requests a round, plus 3·hopFirstRounds per path built or repaired.
 */
import type { OnionPathInfo } from '../onion/onion-path.ts';
import type { OnionClient } from '../onion-client.ts';
import type { Clock } from '../runtime/clock.ts';
import { pick, type Random } from '../runtime/random.ts';

export interface PathProbeDeps {
  readonly onion: OnionClient;
  readonly clock: Clock;
  readonly random: Random;
  readonly intervalMs: number;
  readonly probes: number;
  readonly hopCheckMs: number;
  readonly hopPaths: number;
  readonly hopFirstRounds: number;
}

/** A path as the probe remembers it: its id and nodes (a repaired path is a new one). */
export const pathSignature = (p: OnionPathInfo): string => `${p.id}:${p.nodes.map((n) => n.ed25519).join(',')}`;

/** Up to `max` paths whose prefixes to probe: all of them on a full round, else those probed fewer than `firstRounds` times. */
export function pathsToProbe(paths: readonly OnionPathInfo[], rounds: ReadonlyMap<string, number>, fullRound: boolean, max: number, firstRounds: number): OnionPathInfo[] {
  return paths.filter((p) => fullRound || (rounds.get(pathSignature(p)) ?? 0) < firstRounds).slice(0, Math.max(0, max));
}

export function startPathProbe(deps: PathProbeDeps): () => void {
  const lifetime = new AbortController();
  const { signal } = lifetime;
  let cancel = (): void => undefined;
  let lastRoundAt: number | null = null;
  /** Prefix-probe rounds per path signature, for the current paths only. */
  let rounds = new Map<string, number>();

  const infoProbes = async (): Promise<void> => {
    for (let i = 0; i < deps.probes && !signal.aborted; i++) {
      const node = pick(deps.random, deps.onion.nodes());
      if (node === undefined) return;
      await deps.onion.request(node, { method: 'info', params: {} }, { signal }).catch(() => undefined);
    }
  };
  const hopProbes = async (fullRound: boolean): Promise<void> => {
    const current = deps.onion.paths();
    const live = new Set(current.map(pathSignature));
    rounds = new Map([...rounds].filter(([s]) => live.has(s)));
    for (const path of pathsToProbe(current, rounds, fullRound, deps.hopPaths, deps.hopFirstRounds)) {
      if (signal.aborted) return;
      const signature = pathSignature(path);
      rounds.set(signature, (rounds.get(signature) ?? 0) + 1);
      const result = await deps.onion.probeHops(path.id, signal).catch(() => null);
      // A failing path waits for the next round: quick re-probes would strike its hop every few seconds.
      if (result !== null && result.failedHop !== null) rounds.set(signature, Math.max(deps.hopFirstRounds, rounds.get(signature) ?? 0));
    }
  };
  const probe = async (): Promise<void> => {
    const fullRound = lastRoundAt === null || deps.clock.now() - lastRoundAt >= deps.intervalMs;
    if (fullRound) {
      lastRoundAt = deps.clock.now();
      await infoProbes();
    }
    await hopProbes(fullRound);
  };
  const tick = (): void => {
    void probe().finally(() => {
      if (!signal.aborted) cancel = deps.clock.setTimer(Math.min(deps.hopCheckMs, deps.intervalMs), tick);
    });
  };
  tick();
  return () => {
    lifetime.abort();
    cancel();
  };
}
