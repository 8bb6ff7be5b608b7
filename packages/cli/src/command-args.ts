/**
 * Positional arguments of the commands that take some (`hush send <session-id> <text>`): each
 * missing or extra one is a usage error naming the command and what it expects.
 */
import { HushError } from '@hush/core';
import type { CommandContext } from './context.ts';

export interface ArgsOptions {
  /** The last argument takes every word left (`hush send ID hello there` sends "hello there"). */
  readonly restJoined?: boolean;
}

function usage(message: string, details: Record<string, unknown>): HushError {
  return new HushError('HUSH_ERR_USAGE', message, { details });
}

/** The command's positional arguments, one per name in `names` (e.g. ['<session-id>', '<text>']). */
export function commandArgs(ctx: CommandContext, names: readonly string[], options: ArgsOptions = {}): string[] {
  const command = `hush ${ctx.command.path.join(' ')}`;
  const given = ctx.rest;
  if (given.length < names.length) {
    const missing = names.slice(given.length);
    throw usage(`"${command}" needs ${missing.join(' and ')} (usage: ${command} ${names.join(' ')})`, { missing });
  }
  if (given.length === names.length) return [...given];
  if (options.restJoined === true && names.length > 0) {
    return [...given.slice(0, names.length - 1), given.slice(names.length - 1).join(' ')];
  }
  const extra = given[names.length] ?? '';
  const shown = JSON.stringify(extra.length > 64 ? `${extra.slice(0, 64)}…` : extra);
  throw usage(`"${command}" takes ${names.length === 0 ? 'no arguments' : names.join(' ')}, got an extra ${shown}`, { argument: extra });
}
