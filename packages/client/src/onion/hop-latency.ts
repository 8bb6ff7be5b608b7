/**
 * Recent round trips to each hop of each onion path (prefix probes, see prefix-probe.ts): a rolling
 * window of `keep` samples per (path, hop), for at most `maxPaths` paths (the oldest is dropped) and
 * `maxHops` hops. A sample of hop k belongs to the nodes of hops 0..k it went through: when a path
 * is repaired (same id, another node), the samples of the changed hop and of every hop after it no
 * longer describe the path and are dropped; `retain` forgets paths that are gone.
 */
import { median } from '../runtime/median.ts';

export interface HopLatency {
  /** One round trip (ms) through `prefix` (the Ed25519 keys of hops 0..k, guard first) to its last hop. */
  record(pathId: number, prefix: readonly string[], ms: number): void;
  /** Median round trip to each hop of the path made of `nodes` (null where none was recorded through exactly these nodes). */
  medians(pathId: number, nodes: readonly string[]): (number | null)[];
  /** Keeps only the paths in `current` and, of each, the hops whose nodes are unchanged. */
  retain(current: readonly { readonly id: number; readonly nodes: readonly string[] }[]): void;
  /** Paths with samples (for tests of the bounds). */
  size(): number;
}

interface PathSamples {
  /** The node of each hop the samples were taken through. */
  keys: string[];
  samples: number[][];
}

/** First index where the two key lists differ (the shorter's length when one is a prefix of the other). */
function firstDifference(a: readonly string[], b: readonly string[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}

function truncate(entry: PathSamples, length: number): void {
  entry.keys.length = Math.min(entry.keys.length, length);
  entry.samples.length = Math.min(entry.samples.length, length);
}

export function createHopLatency(limits: { readonly keep: number; readonly maxPaths: number; readonly maxHops: number }): HopLatency {
  const paths = new Map<number, PathSamples>();
  return {
    record(pathId, prefix, ms) {
      const hop = prefix.length - 1;
      if (hop < 0 || hop >= limits.maxHops || !Number.isFinite(ms) || ms < 0) return;
      let entry = paths.get(pathId);
      if (entry === undefined) {
        if (paths.size >= limits.maxPaths) paths.delete(paths.keys().next().value as number);
        paths.set(pathId, (entry = { keys: [], samples: [] }));
      }
      truncate(entry, firstDifference(entry.keys, prefix));
      while (entry.keys.length <= hop) {
        entry.keys.push(prefix[entry.keys.length]!);
        entry.samples.push([]);
      }
      const list = entry.samples[hop]!;
      list.push(ms);
      if (list.length > limits.keep) list.shift();
    },
    medians(pathId, nodes) {
      const entry = paths.get(pathId);
      const valid = entry === undefined ? 0 : firstDifference(entry.keys, nodes);
      return nodes.map((_, hop) => (hop < valid ? median(entry?.samples[hop] ?? []) : null));
    },
    retain(current) {
      const byId = new Map(current.map((p) => [p.id, p.nodes]));
      for (const [id, entry] of paths) {
        const nodes = byId.get(id);
        if (nodes === undefined) paths.delete(id);
        else truncate(entry, firstDifference(entry.keys, nodes));
      }
    },
    size: () => paths.size,
  };
}
