/**
 * argv → command → exit code. Everything from outside comes in through `io`, so tests can run the
 * CLI in-process; `bin/hush.js` passes the real process.
 */
import { homedir } from 'node:os';
import { HushError } from '@hush/core';
import { GLOBAL_OPTIONS, parseCliArgs, positionalWords, wantsJson } from './args.ts';
import type { ParsedArgs } from './args.ts';
import { allOptionSpecs } from './command-table.ts';
import type { CommandSpec } from './command-table.ts';
import { commandHelp, groupHelp, topHelp } from './commands/help.ts';
import type { CliIo } from './context.ts';
import { EXIT_OK } from './describe-error.ts';
import { createOutput } from './output.ts';
import type { Output } from './output.ts';
import { knownPrefix, resolveCommand, subcommandNames } from './resolve-command.ts';
import { processStopSignals } from './stop-signals.ts';
import { cliVersion } from './version.ts';

function usage(message: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_USAGE', message, { details });
}

/** Refuses options that belong to other commands and arguments the command does not take. */
function checkCommandArgs(spec: CommandSpec, args: ParsedArgs, rest: readonly string[]): void {
  const name = spec.path.join(' ');
  for (const { name: option, rawName } of args.seen) {
    const known = GLOBAL_OPTIONS.some((o) => o.name === option) || spec.options.some((o) => o.spec.name === option);
    if (!known) throw usage(`option ${rawName} does not apply to "hush ${name}"`, { option: rawName });
  }
  const [extra] = rest;
  if (extra === undefined || spec.path[0] === 'help' || spec.args !== undefined) return; // commands with args check their own
  if (spec.refuseArgs !== undefined) throw usage(spec.refuseArgs, { argument: 'hidden' });
  const shown = JSON.stringify(extra.length > 64 ? `${extra.slice(0, 64)}…` : extra);
  throw usage(`"hush ${name}" takes no arguments, got ${shown}`, { argument: extra });
}

async function run(argv: readonly string[], io: CliIo, out: Output, seen: { words: readonly string[] }): Promise<number> {
  const args = parseCliArgs(argv, allOptionSpecs(GLOBAL_OPTIONS));
  seen.words = args.words;
  if (args.flags.has('version')) {
    out.result({ version: cliVersion() }, `hush ${cliVersion()}`);
    return EXIT_OK;
  }
  const target = resolveCommand(args.words);
  if (target.kind === 'none') {
    out.text(topHelp());
    return EXIT_OK;
  }
  if (target.kind === 'group') {
    if (args.flags.has('help')) return (out.text(groupHelp(target.group)), EXIT_OK);
    const subs = subcommandNames(target.group.name).join(', ');
    throw usage(`"hush ${target.group.name}" needs a command: ${subs}`);
  }
  if (args.flags.has('help')) return (out.text(commandHelp(target.spec)), EXIT_OK);
  checkCommandArgs(target.spec, args, target.rest);
  const command = await target.spec.load();
  return command({ io, args, command: target.spec, rest: target.rest, out });
}

function usageHint(argv: readonly string[], parsedWords: readonly string[]): string {
  const words = parsedWords.length > 0 ? parsedWords : positionalWords(argv, allOptionSpecs(GLOBAL_OPTIONS));
  const path = knownPrefix(words[0] === 'help' ? words.slice(1) : words);
  return path.length === 0 ? 'Run "hush --help" for usage.' : `Run "hush help ${path.join(' ')}" for usage.`;
}

/** Runs the CLI and returns its exit code: 0 ok, 1 runtime error, 2 usage error, 130 cancelled. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const out = createOutput({ stdout: io.stdout, stderr: io.stderr, json: wantsJson(argv), debug: io.env['HUSH_DEBUG'] === '1' });
  const seen: { words: readonly string[] } = { words: [] };
  try {
    return await run(argv, io, out, seen);
  } catch (err) {
    const hint = err instanceof HushError && err.code === 'HUSH_ERR_USAGE' ? usageHint(argv, seen.words) : undefined;
    return out.error(err, hint);
  }
}

/** The real process as a CliIo. */
export function processIo(): CliIo {
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    homedir: homedir(),
    onStopSignal: processStopSignals(),
  };
}
