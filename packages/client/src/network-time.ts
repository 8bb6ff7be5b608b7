/**
 * Network time (session-client.md §5.2 "Network time"; DESK `getNetworkTime.ts`): a rolling
 * average of (local clock − node's `t`) over the last `maxSamples` answers; `now()` is the local
 * clock corrected by it. Used for every timestamp the client signs or sends.
 */
import type { Clock } from './runtime/clock.ts';

/** Node times outside this range (ms since epoch: 2001 … 2286) are not believed. */
const MIN_NODE_MS = 1_000_000_000_000;
const MAX_NODE_MS = 10_000_000_000_000;

export interface NetworkTime {
  /** One node's time `nodeMs`, seen at local time `localMs` (default: now). False if rejected. */
  addSample(nodeMs: unknown, localMs?: number): boolean;
  /** local − network, in ms (0 before any sample). */
  offsetMs(): number;
  now(): number;
  sampleCount(): number;
}

export function createNetworkTime(options: { readonly clock: Clock; readonly maxSamples: number }): NetworkTime {
  const offsets: number[] = [];
  const offsetMs = (): number => (offsets.length === 0 ? 0 : Math.round(offsets.reduce((a, b) => a + b, 0) / offsets.length));
  return {
    addSample(nodeMs, localMs = options.clock.now()) {
      if (typeof nodeMs !== 'number' || !Number.isFinite(nodeMs) || nodeMs < MIN_NODE_MS || nodeMs > MAX_NODE_MS) return false;
      offsets.push(localMs - nodeMs);
      if (offsets.length > options.maxSamples) offsets.shift();
      return true;
    },
    offsetMs,
    now: () => options.clock.now() - offsetMs(),
    sampleCount: () => offsets.length,
  };
}
