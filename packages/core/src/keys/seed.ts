/**
 * Account seeds. New Session accounts have a 16-byte seed (13-word recovery phrase) that is used as
 * an Ed25519 seed after right-padding with 16 zero bytes (session-desktop `generateKeypair`);
 * legacy accounts have a full 32-byte seed (25-word phrase).
 */
import { HushError } from '../errors.ts';
import type { Seed } from '../types.ts';

export const SHORT_SEED_LENGTH = 16;
export const SEED_LENGTH = 32;

/**
 * Returns the 32-byte Ed25519 seed for a 16- or 32-byte account seed, always as a fresh copy (the
 * caller may wipe its own buffer). Anything else throws HUSH_ERR_BAD_SEED.
 */
export function normalizeSeed(seed: Uint8Array): Seed {
  if (!(seed instanceof Uint8Array)) {
    throw new HushError('HUSH_ERR_BAD_SEED', 'seed: expected bytes', { details: { field: 'seed' } });
  }
  if (seed.length !== SHORT_SEED_LENGTH && seed.length !== SEED_LENGTH) {
    throw new HushError('HUSH_ERR_BAD_SEED', `seed: expected 16 or 32 bytes, got ${seed.length}`, {
      details: { field: 'seed', expected: [SHORT_SEED_LENGTH, SEED_LENGTH], got: seed.length },
    });
  }
  const out = new Uint8Array(SEED_LENGTH);
  out.set(seed);
  return out as Seed;
}
