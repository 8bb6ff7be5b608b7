/**
 * argv → words and options. A thin layer over node:util parseArgs (non-strict, with tokens) that
 * does its own checks so every mistake becomes a HUSH_ERR_USAGE error naming the option.
 *
 * Options may appear anywhere (before or after the command words); `--` ends options.
 */
import { parseArgs } from 'node:util';
import { HushError } from '@hush/core';
import { suggest } from './suggest.ts';

export interface OptionSpec {
  /** Long name without the dashes, e.g. `data-dir`. */
  readonly name: string;
  readonly type: 'string' | 'boolean';
  readonly short?: string;
}

/** Options every command accepts. */
export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { name: 'data-dir', type: 'string' },
  { name: 'json', type: 'boolean' },
  { name: 'help', type: 'boolean', short: 'h' },
  { name: 'version', type: 'boolean', short: 'V' },
];

export interface ParsedArgs {
  /** Positional words in order (command words first, then any arguments). */
  readonly words: readonly string[];
  /** Values of string options (last one wins). */
  readonly values: ReadonlyMap<string, string>;
  /** Boolean options that were given. */
  readonly flags: ReadonlySet<string>;
  /** Every option name seen, in order, as the user spelled it (`--json`, `-h`). */
  readonly seen: readonly { readonly name: string; readonly rawName: string }[];
}

function usage(message: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_USAGE', message, { details });
}

function unknownOption(rawName: string, specs: readonly OptionSpec[]): HushError {
  const near = rawName.startsWith('--') ? suggest(rawName.slice(2), specs.map((s) => s.name)) : undefined;
  const tail = near === undefined ? '' : ` (did you mean --${near}?)`;
  return usage(`unknown option ${rawName.length > 64 ? `${rawName.slice(0, 64)}…` : rawName}${tail}`, { option: rawName });
}

function tokenize(argv: readonly string[], specs: readonly OptionSpec[]) {
  return parseArgs({ args: [...argv], options: toParseArgsOptions(specs), strict: false, allowPositionals: true, tokens: true }).tokens;
}

/** The positional words of `argv`, without any checks (for hints after a parse error). */
export function positionalWords(argv: readonly string[], specs: readonly OptionSpec[]): string[] {
  return tokenize(argv, specs).flatMap((t) => (t.kind === 'positional' ? [t.value] : []));
}

function toParseArgsOptions(specs: readonly OptionSpec[]) {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const s of specs) options[s.name] = s.short === undefined ? { type: s.type } : { type: s.type, short: s.short };
  return options;
}

/**
 * Parses `argv` (without node and script) against `specs`. Unknown options, missing or
 * unexpected values and empty strings are usage errors.
 */
export function parseCliArgs(argv: readonly string[], specs: readonly OptionSpec[]): ParsedArgs {
  const byName = new Map(specs.map((s) => [s.name, s]));
  const tokens = tokenize(argv, specs);
  const words: string[] = [];
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const seen: { name: string; rawName: string }[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') words.push(token.value);
    if (token.kind !== 'option') continue;
    const spec = byName.get(token.name);
    if (spec === undefined) throw unknownOption(token.rawName, specs);
    seen.push({ name: token.name, rawName: token.rawName });
    if (spec.type === 'boolean') {
      if (token.value !== undefined) throw usage(`${token.rawName} takes no value`, { option: token.rawName });
      flags.add(spec.name);
    } else {
      values.set(spec.name, checkValue(token.rawName, token.value, token.inlineValue));
    }
  }
  return { words, values, flags, seen };
}

function checkValue(rawName: string, value: string | undefined, inline: boolean | undefined): string {
  if (value === undefined || (!inline && value.startsWith('-'))) {
    throw usage(`${rawName} needs a value (for a value starting with "-", write ${rawName}=VALUE)`, { option: rawName });
  }
  if (value === '') throw usage(`${rawName} must not be empty`, { option: rawName });
  return value;
}

/**
 * Whether the raw argv asks for JSON output. Used to format errors that happen before (or while)
 * the arguments are parsed, so `--json` callers always get JSON.
 */
export function wantsJson(argv: readonly string[]): boolean {
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--json') return true;
  }
  return false;
}
