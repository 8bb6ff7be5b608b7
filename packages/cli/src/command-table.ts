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
  { name: 'node', summary: 'Run a service node, or show how one is doing' },
  { name: 'devnet', summary: 'Run a whole local network (registry and service nodes) on this machine' },
];

const RECOVERY_PHRASE_OPTION: OptionHelp = {
  spec: { name: 'recovery-phrase', type: 'boolean' },
  label: '--recovery-phrase',
  text: 'Also print the recovery phrase (keep it secret)',
};

function option(name: string, label: string, text: string): OptionHelp {
  return { spec: { name, type: 'string' }, label, text };
}

const NODE_CONFIG_OPTION = option('config', '--config FILE', 'Node config file (JSON, keys in camelCase: dataDir, port, registry, ...); options win over it');
const DEVNET_DIR_OPTION = option('dir', '--dir DIR', "The devnet's directory (default: ./.hush-local/devnet, or $HUSH_DATA_DIR/devnet)");

const NODE_START_OPTIONS: readonly OptionHelp[] = [
  NODE_CONFIG_OPTION,
  option('host', '--host IP', 'Listen address of the HTTPS storage port (default 127.0.0.1)'),
  option('port', '--port PORT', 'HTTPS storage port (default 22021; 0 = any free port)'),
  option('registry', '--registry URL', 'Registry that lists the nodes and assigns swarms (e.g. http://127.0.0.1:21100)'),
  option('devnet', '--devnet FILE', 'A fixed node list (a devnet.json) instead of a registry'),
  option('metrics-port', '--metrics-port PORT', 'Loopback port of GET /status and /metrics (default: any free port)'),
  option('outgoing-address', '--outgoing-address IP', 'Source address of connections to other nodes'),
  option('log-file', '--log-file FILE', "Append the node's JSON log lines to FILE instead of standard error"),
  option('log-level', '--log-level LEVEL', 'debug, info (default), warn or error'),
];

const NODE_DATA_DIR_TEXT = [
  "--data-dir DIR is the node's own directory: its identity (identity.json, kept across restarts),",
  'TLS certificate and message database. Default: the config file\'s dataDir, else',
  '$HUSH_DATA_DIR/node, else ~/.hush/node.',
].join('\n');

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
    path: ['node', 'start'],
    summary: 'Run a service node in the foreground (Ctrl-C stops it)',
    description: [
      'Runs a service node in this process until SIGINT (Ctrl-C) or SIGTERM, then stops it cleanly',
      '(requests in flight finish, queued writes are committed) and exits 0. Settings come from a',
      'config file (--config) and the options below; options win. Give --registry to join a network',
      "(e.g. the devnet's registry) or --devnet for a fixed node list.",
      '',
      NODE_DATA_DIR_TEXT,
      '',
      'Once listening it prints its addresses and public keys (one JSON object with --json) and writes',
      'its ports and pid to <data dir>/running.json, where `hush node status` finds them. The node logs',
      'JSON lines to standard error (or --log-file). A second Ctrl-C exits at once.',
      'Refuses to start when a node already runs with the same data directory.',
    ].join('\n'),
    options: NODE_START_OPTIONS,
    load: async () => (await import('./commands/node-start.ts')).nodeStart,
  },
  {
    path: ['node', 'status'],
    summary: "Show a running node's identity, swarm, storage and request counts",
    description: [
      "Asks a running node's status port (GET /status and /metrics on loopback) and shows its public",
      'keys, address, readiness, swarm and members, network, stored messages and bytes, storage',
      'requests, replication failures and uptime. Finds the node through <data dir>/running.json, or,',
      'for a devnet node (data dir <devnet dir>/node-<i>), through the devnet\'s port plan. When the',
      'node is not running, fails with HUSH_ERR_NOT_RUNNING and the command that starts it.',
      '',
      NODE_DATA_DIR_TEXT,
    ].join('\n'),
    options: [option('config', '--config FILE', 'Take the data directory from this node config file')],
    load: async () => (await import('./commands/node-status.ts')).nodeStatus,
  },
  {
    path: ['devnet', 'up'],
    summary: 'Start a local network: a registry and N service nodes (Ctrl-C stops it)',
    description: [
      'Starts the registry (in this process) and N service nodes, each its own process on its own',
      'loopback address and port (127.0.0.2, 127.0.0.3, ... where the system allows), with its data',
      'in DIR/node-<i>. Waits until every node is in a swarm and answers (10-40 s on a busy machine;',
      'progress goes to standard error), writes DIR/devnet.json (the node list clients and',
      '`hush node start --devnet` read), prints a table of the nodes, and runs until SIGINT (Ctrl-C)',
      'or SIGTERM; then it stops every process it started and exits 0. Running it again with the same',
      'DIR keeps the ports, node identities and stored messages.',
    ].join('\n'),
    options: [
      option('nodes', '--nodes N', `Number of service nodes (default 12, at most 200)`),
      DEVNET_DIR_OPTION,
      option('base-port', '--base-port PORT', 'First port tried when DIR has no port plan yet (default 21100); a plan is kept'),
      option('timeout', '--timeout SECONDS', 'How long to wait for the swarms to form (default 120)'),
    ],
    load: async () => (await import('./commands/devnet-up.ts')).devnetUp,
  },
  {
    path: ['devnet', 'status'],
    summary: 'Show the nodes of a devnet and which of them answer',
    description: [
      'Reads DIR/devnet.json and asks every node listed there for `info` over HTTPS. Shows the',
      'registry, one row per node (address, swarm, public key, whether it answers) and a count.',
      'Exits 0 whenever devnet.json can be read, even when no node answers.',
    ].join('\n'),
    options: [DEVNET_DIR_OPTION],
    load: async () => (await import('./commands/devnet-status.ts')).devnetStatus,
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
