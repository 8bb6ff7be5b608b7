/**
 * `hush account restore`: the recovery phrase from standard input (pipe/file) or a hidden prompt
 * (terminal), never from argv. Nothing is written unless the whole phrase checks out.
 */
import { HushError, decodeMnemonic } from '@hush/core';
import { accountExistsError, createAccountStore } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { MAX_PHRASE_INPUT_BYTES } from '../limits.ts';
import { readSecret } from '../prompt.ts';

const PROMPT = 'Recovery phrase (13 words; typing is hidden): ';

function countWords(phrase: string): number {
  return phrase.split(/\s+/u).filter((w) => w !== '').length;
}

export async function accountRestore(ctx: CommandContext): Promise<number> {
  const store = createAccountStore({ dataDir: resolveDataDir(ctx, 'home') });
  if (await store.exists()) throw accountExistsError(store.file);
  const { stdin, stderr } = ctx.io;
  const phrase = await readSecret({ stdin, stderr, prompt: PROMPT, maxBytes: MAX_PHRASE_INPUT_BYTES });
  if (countWords(phrase) === 0) {
    throw new HushError('HUSH_ERR_BAD_MNEMONIC_LENGTH', 'no recovery phrase given: expected 13 words on standard input or at the prompt', {
      details: { field: 'recovery phrase', got: 0 },
    });
  }
  const seed = decodeMnemonic(phrase);
  if (countWords(phrase) % 3 === 0) {
    ctx.out.warn('the recovery phrase has no checksum word, so typos could not be detected; check the Session ID');
  }
  const account = await store.save(seed);
  seed.fill(0);
  ctx.out.result({ session_id: account.sessionId }, `Restored the account in ${store.file}\n\nSession ID: ${account.sessionId}`);
  return 0;
}
