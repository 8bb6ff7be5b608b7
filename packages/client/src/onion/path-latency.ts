/** Recent round trips per onion path (for the network panel): the median of the last few. */
import { median } from '../runtime/median.ts';

export interface PathLatency {
  record(pathId: number, ms: number): void;
  /** Median of the recent round trips on the path, or null before any. */
  medianMs(pathId: number): number | null;
}

export function createPathLatency(keep: number, maxPaths: number): PathLatency {
  const samples = new Map<number, number[]>();
  return {
    record(pathId, ms) {
      let list = samples.get(pathId);
      if (list === undefined) {
        if (samples.size >= maxPaths) samples.delete(samples.keys().next().value as number);
        samples.set(pathId, (list = []));
      }
      list.push(ms);
      if (list.length > keep) list.shift();
    },
    medianMs(pathId) {
      return median(samples.get(pathId) ?? []);
    },
  };
}
