/**
 * `hush start` (what `npm start` runs). Until the local network exists: create the local account on
 * the first run, show it on later runs, and say what to do next. Safe to run twice at once: if
 * another run creates the account first, this one shows it.
 */
import { relative } from 'node:path';
import { encodeMnemonic, isHushError, randomBytes } from '@hush/core';
import type { AccountRecord } from '@hush/client';
import { createAccountStore } from '@hush/client';
import type { AccountStore } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { NEW_SEED_BYTES } from '../limits.ts';
import { loadAccount } from '../load-account.ts';
import { textTable } from '../text-table.ts';
import { PHRASE_ADVICE } from './account-create.ts';

/** Creates the account if there is none; `phrase` is set only when this run created it. */
async function createOrLoad(store: AccountStore, ctx: CommandContext): Promise<{ account: AccountRecord; phrase?: string }> {
  if (!(await store.exists())) {
    const seed = randomBytes(NEW_SEED_BYTES);
    try {
      const account = await store.save(seed);
      return { account, phrase: encodeMnemonic(seed) };
    } catch (err) {
      if (!isHushError(err, 'HUSH_ERR_ACCOUNT_EXISTS')) throw err; // another run won the race
    } finally {
      seed.fill(0);
    }
  }
  return { account: await loadAccount(store, ctx.out) };
}

/** How to point other commands at this data directory (short when it is under the cwd). */
function dataDirArg(dataDir: string, cwd: string): string {
  const rel = relative(cwd, dataDir);
  const shown = rel !== '' && !rel.startsWith('..') && !rel.startsWith('/') ? rel : dataDir;
  return /^[\w./-]+$/.test(shown) ? shown : JSON.stringify(shown);
}

function nextSteps(dataDirFlag: string): string {
  return [
    'What you can do next:',
    textTable([
      [`npx hush --data-dir ${dataDirFlag} account show`, 'show this local account again'],
      ['npx hush account create', 'make your own account (kept in ~/.hush)'],
      ['npx hush account restore', 'restore an account from its recovery phrase'],
      ['npx hush devnet up', 'run a local network of 12 service nodes (Ctrl-C stops it)'],
      ['npx hush --help', 'every command and option'],
    ]),
  ].join('\n');
}

export async function start(ctx: CommandContext): Promise<number> {
  const store = createAccountStore({ dataDir: resolveDataDir(ctx, 'local') });
  const { account, phrase } = await createOrLoad(store, ctx);
  const created = phrase !== undefined;
  const head = created ? `Created a local account in ${store.file}` : `Local account (${store.file})`;
  const lines = [`Hush — local preview`, '', head, '', `Session ID:       ${account.sessionId}`];
  if (created) lines.push(`Recovery phrase:  ${phrase}`, '', PHRASE_ADVICE);
  lines.push('', nextSteps(dataDirArg(store.dataDir, ctx.io.cwd)));
  const data = { session_id: account.sessionId, data_dir: store.dataDir, created, ...(created ? { recovery_phrase: phrase } : {}) };
  ctx.out.result(data, lines.join('\n'));
  return 0;
}
