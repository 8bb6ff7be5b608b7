/**
 * Onion layer key material made ahead of time, off the request's critical path. Every layer of a
 * request needs a fresh ephemeral X25519 pair, and every hop layer a key agreement with that hop
 * (X25519 + BLAKE2b/HMAC): three of the four agreements of a request are with the hops of a path
 * the client keeps using, so they can be made before the request exists. The pool keeps:
 *  - ephemeral pairs (secret, public) for any layer (the destination varies per request);
 *  - for the paths used most recently, ready sets of hop layers (pair + derived keys).
 * Everything is handed out once and never reused. A request never waits: whatever is missing is
 * made on the spot, exactly as without a pool. `refill()` tops everything up; the onion sender
 * calls it after a reply (when this process's CPU has nothing urgent), and `take` arms a late
 * timer so the pool also refills when no reply comes.
 */
import { clientHopKeys, toHex, x25519Base, type OnionEncType, type OnionLayerKeys } from '@hush/core';
import type { Clock } from '../runtime/clock.ts';
import type { Random } from '../runtime/random.ts';
import type { ServiceNode } from '../node-pool/service-node.ts';

export interface LayerKeyPoolLimits {
  /** Ephemeral pairs kept for any layer. */
  readonly pairs: number;
  /** Ready hop-layer sets kept per path. */
  readonly setsPerPath: number;
  /** Paths tracked (the most recently used ones). */
  readonly paths: number;
  /** Refill after this long when `take` was not followed by `refill()`. */
  readonly lateRefillMs: number;
}

export const DEFAULT_LAYER_KEY_POOL: LayerKeyPoolLimits = { pairs: 4, setsPerPath: 2, paths: 4, lateRefillMs: 250 };

/** The randomness of one request's layers, hops first and the destination last. */
export interface LayerMaterial {
  readonly secrets: Uint8Array[];
  readonly publics: Uint8Array[];
  /** Derived keys per layer; `null` where the builder derives them (the destination). */
  readonly keys: (OnionLayerKeys | null)[];
}

export interface LayerKeyPool {
  /** Material for a request over `hops` (the path's nodes, guard first) plus a destination layer. */
  take(hops: readonly ServiceNode[], encType: OnionEncType): LayerMaterial;
  /** Tops up pairs and the tracked paths' sets now. */
  refill(): void;
}

interface HopLayer {
  readonly secret: Uint8Array;
  readonly public: Uint8Array;
  readonly keys: OnionLayerKeys;
}

interface TrackedPath {
  readonly hops: readonly ServiceNode[];
  readonly encType: OnionEncType;
  readonly sets: HopLayer[][];
}

export function createLayerKeyPool(random: Random, clock: Clock, limits: LayerKeyPoolLimits = DEFAULT_LAYER_KEY_POOL): LayerKeyPool {
  const pairs: Array<readonly [Uint8Array, Uint8Array]> = [];
  /** Insertion order = least recently used first. */
  const paths = new Map<string, TrackedPath>();
  let cancelLate: (() => void) | null = null;

  const makePair = (): readonly [Uint8Array, Uint8Array] => {
    const secret = random.bytes(32);
    return [secret, x25519Base(secret)];
  };
  const takePair = (): readonly [Uint8Array, Uint8Array] => pairs.pop() ?? makePair();
  const makeSet = (p: Pick<TrackedPath, 'hops' | 'encType'>): HopLayer[] =>
    p.hops.map((node) => {
      const [secret, pub] = takePair();
      return { secret, public: pub, keys: clientHopKeys(p.encType, secret, node.x25519Key, pub) };
    });
  const pathKey = (hops: readonly ServiceNode[], encType: OnionEncType): string => `${encType}:${hops.map((n) => toHex(n.x25519Key)).join(':')}`;

  const track = (key: string, hops: readonly ServiceNode[], encType: OnionEncType): TrackedPath => {
    const found = paths.get(key);
    if (found !== undefined) {
      paths.delete(key);
      paths.set(key, found);
      return found;
    }
    const made: TrackedPath = { hops: [...hops], encType, sets: [] };
    paths.set(key, made);
    while (paths.size > limits.paths) paths.delete(paths.keys().next().value!);
    return made;
  };

  const refill = (): void => {
    cancelLate?.();
    cancelLate = null;
    for (const p of paths.values()) while (p.sets.length < limits.setsPerPath) p.sets.push(makeSet(p));
    while (pairs.length < limits.pairs) pairs.push(makePair());
  };

  return {
    take(hops, encType) {
      const tracked = track(pathKey(hops, encType), hops, encType);
      const set = tracked.sets.pop() ?? makeSet(tracked);
      const [destSecret, destPublic] = takePair();
      cancelLate ??= clock.setTimer(limits.lateRefillMs, refill);
      return {
        secrets: [...set.map((l) => l.secret), destSecret],
        publics: [...set.map((l) => l.public), destPublic],
        keys: [...set.map((l) => l.keys), null],
      };
    },
    refill,
  };
}
