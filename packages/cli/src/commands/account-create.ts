/** `hush account create`: a new random account, stored in the data directory. */
import { encodeMnemonic, randomBytes } from '@hush/core';
import { accountExistsError, createAccountStore } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { NEW_SEED_BYTES } from '../limits.ts';

export const PHRASE_ADVICE = [
  'Write the recovery phrase down and keep it secret: anyone who has it controls the account,',
  'and it is the only way to get the account back if this data directory is lost.',
].join('\n');

export async function accountCreate(ctx: CommandContext): Promise<number> {
  const store = createAccountStore({ dataDir: resolveDataDir(ctx, 'home') });
  if (await store.exists()) throw accountExistsError(store.file);
  const seed = randomBytes(NEW_SEED_BYTES);
  const account = await store.save(seed);
  const phrase = encodeMnemonic(seed);
  seed.fill(0);
  ctx.out.result(
    { session_id: account.sessionId, recovery_phrase: phrase },
    [
      `Created a new account in ${store.file}`,
      '',
      `Session ID:       ${account.sessionId}`,
      `Recovery phrase:  ${phrase}`,
      '',
      PHRASE_ADVICE,
    ].join('\n'),
  );
  return 0;
}
