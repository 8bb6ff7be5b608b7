/** Command words → the command (or command group) they name, with the words left over. */
import { HushError } from '@hush/core';
import { COMMAND_GROUPS, COMMANDS } from './command-table.ts';
import type { CommandGroup, CommandSpec } from './command-table.ts';
import { suggest } from './suggest.ts';

export type Resolved =
  | { readonly kind: 'none' }
  | { readonly kind: 'group'; readonly group: CommandGroup }
  | { readonly kind: 'command'; readonly spec: CommandSpec; readonly rest: readonly string[] };

function unknown(what: string, word: string, candidates: readonly string[]): HushError {
  const near = suggest(word, candidates);
  const shown = JSON.stringify(word.length > 64 ? `${word.slice(0, 64)}…` : word);
  const tail = near === undefined ? '' : ` (did you mean "${near}"?)`;
  return new HushError('HUSH_ERR_USAGE', `unknown ${what} ${shown}${tail}`, { details: { word } });
}

export function subcommandNames(group: string): string[] {
  return COMMANDS.filter((c) => c.path.length === 2 && c.path[0] === group).map((c) => c.path[1]!);
}

function topLevelNames(): string[] {
  return [...COMMAND_GROUPS.map((g) => g.name), ...COMMANDS.filter((c) => c.path.length === 1).map((c) => c.path[0]!)];
}

/** Resolves `words`; an unknown word is a HUSH_ERR_USAGE error with a suggestion when one is near. */
export function resolveCommand(words: readonly string[]): Resolved {
  const [first, second] = words;
  if (first === undefined) return { kind: 'none' };
  // A two-word command wins over a one-word one with the same first word (`requests accept` vs `requests`).
  const pair = COMMANDS.find((c) => c.path.length === 2 && c.path[0] === first && c.path[1] === second);
  if (pair !== undefined) return { kind: 'command', spec: pair, rest: words.slice(2) };
  const top = COMMANDS.find((c) => c.path.length === 1 && c.path[0] === first);
  if (top !== undefined) return { kind: 'command', spec: top, rest: words.slice(1) };
  const group = COMMAND_GROUPS.find((g) => g.name === first);
  if (group === undefined) throw unknown('command', first, topLevelNames());
  if (second === undefined) return { kind: 'group', group };
  const spec = COMMANDS.find((c) => c.path[0] === first && c.path[1] === second);
  if (spec === undefined) throw unknown(`"${first}" command`, second, subcommandNames(first));
  return { kind: 'command', spec, rest: words.slice(2) };
}

/** The longest known command path at the start of `words`, for "run hush help …" hints. */
export function knownPrefix(words: readonly string[]): string[] {
  try {
    const r = resolveCommand(words);
    return r.kind === 'command' ? [...r.spec.path] : r.kind === 'group' ? [r.group.name] : [];
  } catch {
    const group = COMMAND_GROUPS.find((g) => g.name === words[0]);
    return group === undefined ? [] : [group.name];
  }
}
