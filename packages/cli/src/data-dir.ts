/**
 * Where the account lives. `--data-dir` wins, then $HUSH_DATA_DIR, then the command's default:
 * ~/.hush for the account commands, ./.hush-local for `hush start`. Relative paths are resolved
 * against the working directory; a leading `~/` means the home directory.
 */
import { isAbsolute, join, resolve } from 'node:path';
import type { CommandContext } from './context.ts';

export const DATA_DIR_ENV = 'HUSH_DATA_DIR';
export const HOME_DATA_DIR_NAME = '.hush';
export const LOCAL_DATA_DIR_NAME = '.hush-local';

export type DataDirDefault = 'home' | 'local';

/** `path` made absolute: `~` and `~/…` mean the home directory, relative means the working directory. */
export function expandPath(path: string, ctx: CommandContext): string {
  const p = path === '~' ? ctx.io.homedir : path.startsWith('~/') ? join(ctx.io.homedir, path.slice(2)) : path;
  return isAbsolute(p) ? resolve(p) : resolve(ctx.io.cwd, p);
}

export function resolveDataDir(ctx: CommandContext, fallback: DataDirDefault): string {
  const flag = ctx.args.values.get('data-dir');
  if (flag !== undefined) return expandPath(flag, ctx);
  const env = ctx.io.env[DATA_DIR_ENV];
  if (env !== undefined && env !== '') return expandPath(env, ctx);
  return fallback === 'home' ? join(ctx.io.homedir, HOME_DATA_DIR_NAME) : resolve(ctx.io.cwd, LOCAL_DATA_DIR_NAME);
}
