/**
 * Making the account before any client exists, with the same pieces as `hush account create` and
 * `hush account restore`: the key store from @hush/client and core's recovery-phrase functions.
 */
import { decodeMnemonic, encodeMnemonic, HushError, randomBytes } from '@hush/core';
import { createAccountStore } from '@hush/client';

/** Seed size of new accounts (13-word phrase), as Session and `hush account create` use. */
export const NEW_SEED_BYTES = 16;

export interface NewAccount {
  readonly sessionId: string;
  readonly recoveryPhrase: string;
}

/** A random account saved in `dataDir` (HUSH_ERR_ACCOUNT_EXISTS when there is one). */
export async function createAccount(dataDir: string): Promise<NewAccount> {
  const seed = randomBytes(NEW_SEED_BYTES);
  try {
    const record = await createAccountStore({ dataDir }).save(seed);
    return { sessionId: record.sessionId, recoveryPhrase: encodeMnemonic(seed) };
  } finally {
    seed.fill(0);
  }
}

function countWords(phrase: string): number {
  return phrase.split(/\s+/u).filter((w) => w !== '').length;
}

/** The account of `phrase` saved in `dataDir`; nothing is written unless the whole phrase checks out. */
export async function restoreAccount(dataDir: string, phrase: string): Promise<{ readonly sessionId: string }> {
  if (countWords(phrase) === 0) {
    throw new HushError('HUSH_ERR_BAD_MNEMONIC_LENGTH', 'recovery phrase: empty; type or paste the 13 words', { details: { field: 'recovery phrase', got: 0 } });
  }
  const seed = decodeMnemonic(phrase);
  try {
    const record = await createAccountStore({ dataDir }).save(seed);
    return { sessionId: record.sessionId };
  } finally {
    seed.fill(0);
  }
}

/** The stored account's recovery phrase (to show it again). */
export async function readRecoveryPhrase(dataDir: string): Promise<string> {
  const account = await createAccountStore({ dataDir }).load();
  return encodeMnemonic(account.seed);
}
