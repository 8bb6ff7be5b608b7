/**
 * Every command the CLI knows: its words, help text and the options it accepts. The code of each
 * command is loaded only when it runs, so `hush --help` stays fast.
 */
import type { OptionSpec } from './args.ts';
import type { CommandContext } from './context.ts';

export type CommandRun = (ctx: CommandContext) => Promise<number>;

export interface OptionHelp {
  readonly spec: OptionSpec;
  readonly label: string;
  readonly text: string;
}

export interface CommandSpec {
  /** The command words, e.g. ['account', 'create']. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Longer help, shown by `hush help <command>`. */
  readonly description: string;
  /** Options besides the global ones. */
  readonly options: readonly OptionHelp[];
  /** When set, positional arguments are refused with this explanation instead of the generic one. */
  readonly refuseArgs?: string;
  readonly load: () => Promise<CommandRun>;
}

export interface CommandGroup {
  readonly name: string;
  readonly summary: string;
}

export const COMMAND_GROUPS: readonly CommandGroup[] = [
  { name: 'account', summary: 'Create, restore or show your account' },
];

const RECOVERY_PHRASE_OPTION: OptionHelp = {
  spec: { name: 'recovery-phrase', type: 'boolean' },
  label: '--recovery-phrase',
  text: 'Also print the recovery phrase (keep it secret)',
};

export const COMMANDS: readonly CommandSpec[] = [
  {
    path: ['account', 'create'],
    summary: 'Create a new account and print its Session ID and recovery phrase',
    description: [
      'Creates a new account (a random 16-byte seed, as Session does), stores it in the data',
      'directory (account.json, readable only by you) and prints its Session ID and its 13-word',
      'recovery phrase. Write the phrase down: it is the only way to get the account back.',
      'Refuses to overwrite an account that already exists in the data directory.',
    ].join('\n'),
    options: [],
    load: async () => (await import('./commands/account-create.ts')).accountCreate,
  },
  {
    path: ['account', 'restore'],
    summary: 'Restore an account from its recovery phrase',
    description: [
      'Reads the recovery phrase from standard input when it is a pipe or a file',
      '(e.g. `hush account restore < phrase.txt`), or asks for it at a prompt (input hidden) in a',
      'terminal. The phrase is never taken from the command line, where shell history and `ps`',
      'would see it. A mistyped word is reported by its position. Refuses to overwrite an account',
      'that already exists in the data directory.',
    ].join('\n'),
    options: [],
    refuseArgs: [
      'the recovery phrase is not accepted on the command line, where shell history and `ps` can',
      'read it; pipe it on standard input (`hush account restore < phrase.txt`) or run',
      '`hush account restore` in a terminal and type it at the prompt',
    ].join(' '),
    load: async () => (await import('./commands/account-restore.ts')).accountRestore,
  },
  {
    path: ['account', 'show'],
    summary: "Show the account's Session ID",
    description: "Prints the Session ID of the account in the data directory (others use it to message you).",
    options: [RECOVERY_PHRASE_OPTION],
    load: async () => (await import('./commands/account-show.ts')).accountShow,
  },
  {
    path: ['start'],
    summary: 'Set up and show the local account (what `npm start` runs)',
    description: [
      'Until the local network exists, this creates a local account on the first run (or shows it',
      'on later runs) and prints what you can do next. The local account lives in ./.hush-local',
      '(or $HUSH_DATA_DIR, or --data-dir), apart from your personal account in ~/.hush.',
    ].join('\n'),
    options: [],
    load: async () => (await import('./commands/start.ts')).start,
  },
  {
    path: ['help'],
    summary: 'Show help for a command (`hush help account create`)',
    description: 'Shows help for hush or for one command.',
    options: [],
    load: async () => (await import('./commands/help.ts')).help,
  },
];

/** Every option any command accepts, global ones first. */
export function allOptionSpecs(global: readonly OptionSpec[]): OptionSpec[] {
  const specs = [...global];
  for (const command of COMMANDS) {
    for (const o of command.options) if (!specs.some((s) => s.name === o.spec.name)) specs.push(o.spec);
  }
  return specs;
}
