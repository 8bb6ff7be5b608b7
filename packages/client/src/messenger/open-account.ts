/**
 * The account a client runs as: the data directory's account.json (the key store), or a seed
 * given by the caller — saved there when the directory has none, and refused when it holds a
 * different account (one directory, one account) —, or a new one when asked to create it.
 */
import { HushError, deriveAccountKeys, randomBytes, type AccountKeys } from '@hush/core';
import { createAccountStore } from '../account/account-store.ts';

/** A new account's seed: 16 bytes, a 13-word recovery phrase (as Session). */
const NEW_SEED_BYTES = 16;

export async function openAccount(dataDir: string, seed: Uint8Array | undefined, createAccount = false): Promise<AccountKeys> {
  const store = createAccountStore({ dataDir });
  if (seed === undefined && createAccount && !(await store.exists())) return openAccount(dataDir, randomBytes(NEW_SEED_BYTES));
  if (seed === undefined) return deriveAccountKeys((await store.load()).seed);
  const keys = deriveAccountKeys(seed);
  if (!(await store.exists())) {
    await store.save(seed);
    return keys;
  }
  const stored = await store.load();
  if (stored.sessionId !== keys.sessionId) {
    throw new HushError('HUSH_ERR_ACCOUNT_EXISTS', `${store.file} holds another account (${stored.sessionId.slice(0, 12)}…); use another data directory`, {
      details: { file: store.file },
    });
  }
  return keys;
}
