/**
 * Randomness as a component. Onion layers need fresh secret bytes (from core `randomBytes`,
 * libsodium); node and path choices need uniform integers drawn from the same source.
 */
import { randomBytes } from '@hush/core';

export interface Random {
  bytes(n: number): Uint8Array;
  /** Uniform integer in [0, max). */
  int(max: number): number;
}

/** Uniform integer in [0, max) from 32-bit draws, rejecting the biased tail. */
export function uniformInt(bytes: (n: number) => Uint8Array, max: number): number {
  if (!Number.isInteger(max) || max < 1 || max > 2 ** 32) throw new RangeError('max: expected an integer in [1, 2^32]');
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const b = bytes(4);
    const v = ((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!;
    if (v < limit) return v % max;
  }
}

export const systemRandom: Random = {
  bytes: (n) => randomBytes(n),
  int: (max) => uniformInt(randomBytes, max),
};

/** A shuffled copy (Fisher–Yates). */
export function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export function pick<T>(random: Random, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[random.int(items.length)];
}
