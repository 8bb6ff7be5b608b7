/** `hush help [command]` and `--help`: help text built from the command table. */
import { GLOBAL_OPTIONS } from '../args.ts';
import { HushError } from '@hush/core';
import { COMMANDS } from '../command-table.ts';
import type { CommandGroup, CommandSpec, OptionHelp } from '../command-table.ts';
import type { CommandContext } from '../context.ts';
import { resolveCommand } from '../resolve-command.ts';
import { textTable } from '../text-table.ts';

const GLOBAL_OPTION_HELP: readonly OptionHelp[] = [
  { spec: GLOBAL_OPTIONS[0]!, label: '--data-dir DIR', text: 'Data directory (default: $HUSH_DATA_DIR, else ~/.hush; start, devnet, messaging: ./.hush-local; node: the node\'s own)' },
  { spec: GLOBAL_OPTIONS[1]!, label: '--json', text: 'Print one JSON object on stdout: the result, or {"error": {"code", "message"}}' },
  { spec: GLOBAL_OPTIONS[2]!, label: '-h, --help', text: 'Show help (also: hush help <command>)' },
  { spec: GLOBAL_OPTIONS[3]!, label: '-V, --version', text: 'Show the version' },
];

const FOOTER = [
  'Environment:',
  textTable([
    ['HUSH_DATA_DIR', 'Data directory when --data-dir is not given'],
    ['HUSH_DEBUG=1', 'Also print stack traces of errors'],
  ]),
  '',
  'Errors:',
  '  Errors go to stderr as "hush: <message> (<CODE>)". With --json they go to stdout instead, as',
  '  {"error": {"code": "<CODE>", "message": "<message>"}}. Codes (HUSH_ERR_…) are stable; messages',
  '  are for people and may change. Besides the protocol codes: HUSH_ERR_USAGE (bad command line),',
  '  HUSH_ERR_IO (a file could not be read or written), HUSH_ERR_NOT_RUNNING (no node or devnet',
  '  answers), HUSH_ERR_ALREADY_RUNNING, HUSH_ERR_CANCELLED, HUSH_ERR_INTERNAL (a bug).',
  '',
  'Exit status:',
  '  0 success (also after Ctrl-C or SIGTERM stops `node start`, `devnet up` or `listen`), 1 runtime',
  '  error (e.g. no account, bad recovery phrase, file error, node not running, no network, a',
  '  message not stored), 2 usage error (unknown command or option, wrong arguments, a bad Session',
  '  ID or text), 130 cancelled at a prompt, by Ctrl-C during a one-shot command, or by a second Ctrl-C.',
].join('\n');

function optionsTable(options: readonly OptionHelp[]): string {
  return textTable(options.map((o) => [o.label, o.text] as const));
}

const commandLabel = (c: CommandSpec): string => (c.args === undefined ? c.path.join(' ') : `${c.path.join(' ')} ${c.args}`);

/** The commands under their headings: those without a section first, as "Commands". */
function commandSections(): string[] {
  const titles = [...new Set(COMMANDS.flatMap((c) => (c.section === undefined ? [] : [c.section])))];
  const block = (title: string, list: readonly CommandSpec[]): string[] => [`${title}:`, textTable(list.map((c) => [commandLabel(c), c.summary] as const)), ''];
  return [
    ...block('Commands', COMMANDS.filter((c) => c.section === undefined)),
    ...titles.flatMap((t) => block(`${t} (over the local network \`npm start\` runs, or --network FILE|URL)`, COMMANDS.filter((c) => c.section === t))),
  ];
}

export function topHelp(): string {
  return [
    'hush — private messaging, compatible with Session',
    '',
    'Usage: hush [--data-dir DIR] [--json] <command> [options]',
    '',
    ...commandSections(),
    'Global options (accepted before or after the command):',
    optionsTable(GLOBAL_OPTION_HELP),
    '',
    FOOTER,
  ].join('\n');
}

export function groupHelp(group: CommandGroup): string {
  const subs = COMMANDS.filter((c) => c.path[0] === group.name && c.path.length === 2);
  return [
    `hush ${group.name} — ${group.summary}`,
    '',
    `Usage: hush [--data-dir DIR] [--json] ${group.name} <${subs.map((c) => c.path[1]).join('|')}> [options]`,
    '',
    'Commands:',
    textTable(subs.map((c) => [commandLabel(c), c.summary] as const)),
    '',
    `Run "hush help ${group.name} <command>" for one command's help.`,
  ].join('\n');
}

export function commandHelp(spec: CommandSpec): string {
  const name = spec.path.join(' ');
  const own = spec.options.length > 0 ? ` ${spec.options.map((o) => `[${o.label}]`).join(' ')}` : '';
  const args = spec.path[0] === 'help' ? ' [command]' : spec.args === undefined ? '' : ` ${spec.args}`;
  const lines = [`hush ${name} — ${spec.summary}`, '', `Usage: hush [--data-dir DIR] [--json] ${name}${own}${args}`, '', spec.description];
  if (spec.options.length > 0) lines.push('', 'Options:', optionsTable(spec.options));
  lines.push('', 'Global options:', optionsTable(GLOBAL_OPTION_HELP), '', FOOTER);
  return lines.join('\n');
}

/** Help for the command named by `words` (top-level help when empty). */
export function helpFor(words: readonly string[]): string {
  const target = resolveCommand(words);
  if (target.kind === 'none') return topHelp();
  if (target.kind === 'group') return groupHelp(target.group);
  const [extra] = target.rest;
  if (extra !== undefined) {
    throw new HushError('HUSH_ERR_USAGE', `unexpected argument ${JSON.stringify(extra)} after "${target.spec.path.join(' ')}"`, {
      details: { argument: extra },
    });
  }
  return commandHelp(target.spec);
}

export async function help(ctx: CommandContext): Promise<number> {
  ctx.out.text(helpFor(ctx.rest));
  return 0;
}
