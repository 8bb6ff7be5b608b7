/** The devnet's directory: --dir, else `<data directory>/devnet` (./.hush-local/devnet or $HUSH_DATA_DIR/devnet). */
import { join } from 'node:path';
import type { CommandContext } from './context.ts';
import { expandPath, resolveDataDir } from './data-dir.ts';

export function resolveDevnetDir(ctx: CommandContext): string {
  const dir = ctx.args.values.get('dir');
  return dir === undefined ? join(resolveDataDir(ctx, 'local'), 'devnet') : expandPath(dir, ctx);
}
