/**
 * Recent round trips per onion path (for the network panel): the median of the last few, for the
 * path's current nodes. Samples are kept per (path id, its nodes): a repaired path keeps its id
 * but not the figures of the nodes it lost, and a one-off variant of a path (a stand-in for a node
 * that is the request's destination) never mixes its round trips into the path's own.
 */
import { median } from '../runtime/median.ts';

export interface PathLatency {
  /** `nodes`: the Ed25519 keys of the path the request went over, guard first. */
  record(pathId: number, nodes: readonly string[], ms: number): void;
  /** Median of the recent round trips over exactly these nodes, or null before any. */
  medianMs(pathId: number, nodes: readonly string[]): number | null;
}

export function createPathLatency(keep: number, maxEntries: number): PathLatency {
  /** Insertion order = least recently recorded first. */
  const samples = new Map<string, number[]>();
  const keyOf = (pathId: number, nodes: readonly string[]): string => `${pathId}:${nodes.join(',')}`;
  return {
    record(pathId, nodes, ms) {
      const key = keyOf(pathId, nodes);
      const list = samples.get(key) ?? [];
      samples.delete(key);
      samples.set(key, list);
      while (samples.size > maxEntries) samples.delete(samples.keys().next().value!);
      list.push(ms);
      if (list.length > keep) list.shift();
    },
    medianMs(pathId, nodes) {
      return median(samples.get(keyOf(pathId, nodes)) ?? []);
    },
  };
}
