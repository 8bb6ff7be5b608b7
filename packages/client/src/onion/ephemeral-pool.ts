/**
 * Ephemeral X25519 key pairs for onion layers, made ahead of time: a request takes fresh pairs
 * from the pool (never reused) and the pool refills on a zero-delay timer, off the request's
 * critical path. Empty or not, a request never waits: missing pairs are made on the spot.
 */
import { x25519Base } from '@hush/core';
import type { Clock } from '../runtime/clock.ts';
import type { Random } from '../runtime/random.ts';

export interface EphemeralPool {
  /** `n` fresh key pairs (secret, public), each handed out once. */
  take(n: number): { readonly secrets: Uint8Array[]; readonly publics: Uint8Array[] };
}

export function createEphemeralPool(random: Random, clock: Clock, capacity: number): EphemeralPool {
  const ready: Array<readonly [Uint8Array, Uint8Array]> = [];
  let refillPending = false;
  const make = (): readonly [Uint8Array, Uint8Array] => {
    const secret = random.bytes(32);
    return [secret, x25519Base(secret)];
  };
  const refill = (): void => {
    refillPending = false;
    while (ready.length < capacity) ready.push(make());
  };
  return {
    take(n) {
      const secrets: Uint8Array[] = [];
      const publics: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const [secret, pub] = ready.pop() ?? make();
        secrets.push(secret);
        publics.push(pub);
      }
      if (!refillPending) {
        refillPending = true;
        clock.setTimer(0, refill);
      }
      return { secrets, publics };
    },
  };
}
