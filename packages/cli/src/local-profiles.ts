/**
 * The two ready accounts `hush start` offers (so a newcomer can chat with themselves at once):
 * `<data dir>/profiles/alice` and `.../bob`, each an ordinary data directory (account.json and
 * messenger.db), created on the first run and kept afterwards.
 */
import { join } from 'node:path';
import { createAccountStore } from '@hush/client';
import { isHushError, randomBytes } from '@hush/core';
import { NEW_SEED_BYTES } from './limits.ts';

export interface LocalProfile {
  readonly name: string;
  readonly displayName: string;
  readonly dataDir: string;
  readonly sessionId: string;
  readonly created: boolean;
}

export const LOCAL_PROFILES: readonly { readonly name: string; readonly displayName: string }[] = [
  { name: 'alice', displayName: 'Alice' },
  { name: 'bob', displayName: 'Bob' },
];

async function openProfile(root: string, name: string, displayName: string): Promise<LocalProfile> {
  const dataDir = join(root, 'profiles', name);
  const store = createAccountStore({ dataDir });
  if (!(await store.exists())) {
    const seed = randomBytes(NEW_SEED_BYTES);
    try {
      const account = await store.save(seed);
      return { name, displayName, dataDir, sessionId: account.sessionId, created: true };
    } catch (err) {
      if (!isHushError(err, 'HUSH_ERR_ACCOUNT_EXISTS')) throw err; // else another run won the race
    } finally {
      seed.fill(0);
    }
  }
  const account = await store.load();
  return { name, displayName, dataDir, sessionId: account.sessionId, created: false };
}

export function openLocalProfiles(root: string): Promise<LocalProfile[]> {
  return Promise.all(LOCAL_PROFILES.map((p) => openProfile(root, p.name, p.displayName)));
}
