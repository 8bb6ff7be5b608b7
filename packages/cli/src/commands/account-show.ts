/** `hush account show [--recovery-phrase]`: the account's Session ID (and, on request, its phrase). */
import { encodeMnemonic } from '@hush/core';
import { createAccountStore } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { loadAccount } from '../load-account.ts';

export async function accountShow(ctx: CommandContext): Promise<number> {
  const store = createAccountStore({ dataDir: resolveDataDir(ctx, 'home') });
  const account = await loadAccount(store, ctx.out);
  if (!ctx.args.flags.has('recovery-phrase')) {
    ctx.out.result({ session_id: account.sessionId }, `Session ID: ${account.sessionId}`);
    return 0;
  }
  const phrase = encodeMnemonic(account.seed);
  ctx.out.result(
    { session_id: account.sessionId, recovery_phrase: phrase },
    `Session ID:       ${account.sessionId}\nRecovery phrase:  ${phrase}`,
  );
  return 0;
}
