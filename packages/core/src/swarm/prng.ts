/**
 * Deterministic, seeded pseudo-random generator for swarm assignment.
 *
 * Choice: the 64-bit Mersenne Twister (`mt19937_64`, Matsumoto–Nishimura 2004, with the parameters
 * and seeding of C++11 `std::mt19937_64`) on BigInt, because it is the generator oxend itself uses
 * for swarm changes; `uniform(n)` is oxend's `uniform_distribution_portable` (rejection sampling:
 * draw x until x < M − M mod n with M = 2^64 − 1, then x / ((M − M mod n) / n)), which is unbiased
 * and portable. Not a CSPRNG: it only has to make every node derive the same swarms.
 *
 * Pure: no module state, every generator owns its own 312-word state.
 */
import { HushError } from '../errors.ts';

export interface Prng {
  /** Next 64-bit output, in [0, 2^64). */
  nextU64(): bigint;
  /** Unbiased integer in [0, n); n must be a safe integer >= 1. */
  uniform(n: number): number;
}

const MASK64 = (1n << 64n) - 1n;
const NN = 312;
const MM = 156;
const MATRIX_A = 0xb5026f5aa96619e9n;
const UPPER_MASK = MASK64 ^ ((1n << 31n) - 1n);
const LOWER_MASK = (1n << 31n) - 1n;
const INIT_MULTIPLIER = 6364136223846793005n;

function assertSeed(seed: unknown): asserts seed is bigint {
  if (typeof seed !== 'bigint' || seed < 0n || seed > MASK64) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'seed must be a bigint in [0, 2^64)', {
      details: { field: 'seed' },
    });
  }
}

function initState(seed: bigint): bigint[] {
  const mt: bigint[] = [seed];
  let prev = seed;
  for (let i = 1; i < NN; i++) {
    prev = (INIT_MULTIPLIER * (prev ^ (prev >> 62n)) + BigInt(i)) & MASK64;
    mt.push(prev);
  }
  return mt;
}

/** Regenerates all NN words in place (the "twist"). */
function twist(mt: bigint[]): void {
  for (let i = 0; i < NN; i++) {
    const y = (mt[i]! & UPPER_MASK) | (mt[(i + 1) % NN]! & LOWER_MASK);
    const mag = (y & 1n) === 0n ? 0n : MATRIX_A;
    mt[i] = mt[(i + MM) % NN]! ^ (y >> 1n) ^ mag;
  }
}

function temper(x: bigint): bigint {
  let y = x;
  y ^= (y >> 29n) & 0x5555555555555555n;
  y ^= (y << 17n) & 0x71d67fffeda60000n;
  y ^= (y << 37n) & 0xfff7eef000000000n;
  y ^= y >> 43n;
  return y;
}

function assertRange(n: unknown): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'uniform(n) needs a safe integer n >= 1', {
      details: { field: 'n', value: String(n) },
    });
  }
}

/** A fresh generator seeded with `seed` (a u64). Same seed ⇒ same sequence, in any process. */
export function createPrng(seed: bigint): Prng {
  assertSeed(seed);
  const mt = initState(seed);
  let index = NN;
  const nextU64 = (): bigint => {
    if (index >= NN) {
      twist(mt);
      index = 0;
    }
    return temper(mt[index++]!);
  };
  const uniform = (n: number): number => {
    assertRange(n);
    const big = BigInt(n);
    const secureMax = MASK64 - (MASK64 % big);
    let x = nextU64();
    while (x >= secureMax) x = nextU64();
    return Number(x / (secureMax / big));
  };
  return { nextU64, uniform };
}
