/** Loads the account for a command, warning when its file is readable by other users. */
import type { LoadedAccount, AccountStore } from '@hush/client';
import type { Output } from './output.ts';

export async function loadAccount(store: AccountStore, out: Output): Promise<LoadedAccount> {
  const account = await store.load();
  if (account.exposed) {
    out.warn(`${account.file} can be read by other users; it holds your account's secret seed (fix: chmod 600 ${account.file})`);
  }
  return account;
}
