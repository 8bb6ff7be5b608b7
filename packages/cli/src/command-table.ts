/**
 * Every command the CLI knows: its words, help text and the options it accepts. The code of each
 * command is loaded only when it runs, so `hush --help` stays fast.
 */
import type { OptionSpec } from './args.ts';
import type { CommandContext } from './context.ts';
import { DEFAULT_CHAT_MESSAGES, MAX_CHAT_MESSAGES } from './limits.ts';

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
  /** The positional arguments the command takes, for its usage line (e.g. '<session-id> <text>'); it checks them itself. */
  readonly args?: string;
  /** The heading `hush --help` lists the command under (default: "Commands"). */
  readonly section?: string;
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
  { name: 'profile', summary: 'Show or set the display name sent with your messages' },
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

// Messaging: the account's messenger (@hush/client's createClient) on a network.

export const MESSAGING_SECTION = 'Messaging';

const NETWORK_OPTION = option(
  'network',
  '--network FILE|URL',
  'A devnet.json (or its directory, or any JSON file listing nodes that way) or a registry URL (http://…); default: the network `npm start` runs, ./.hush-local/devnet/devnet.json ($HUSH_DATA_DIR/devnet/… when set)',
);

const MESSAGING_DATA_TEXT = [
  'The account is the one in the data directory (--data-dir, else $HUSH_DATA_DIR, else ~/.hush, where',
  '`hush account create` puts yours). `npm start`\'s two ready accounts are in ./.hush-local/profiles.',
].join('\n');

const READING_TEXT = [
  'Fetches new messages first (at most 10 s); when the network is missing or does not answer, shows',
  'what this device already has, after a warning on standard error.',
].join('\n');

function messaging(spec: Omit<CommandSpec, 'section' | 'options'> & { readonly options?: readonly OptionHelp[] }): CommandSpec {
  return { ...spec, options: [NETWORK_OPTION, ...(spec.options ?? [])], section: MESSAGING_SECTION, description: `${spec.description}\n\n${MESSAGING_DATA_TEXT}` };
}

const MESSAGING_COMMANDS: readonly CommandSpec[] = [
  messaging({
    path: ['send'],
    args: '<session-id> <text>',
    summary: 'Send a message to a Session ID',
    description: [
      'Sends <text> (quote it; words after the Session ID are joined with spaces) to <session-id> and',
      'waits until the recipient\'s swarm has stored it: prints "Sent · stored on N of M nodes" (N nodes',
      'signed for it). On failure exits 1 with the error code; the message stays in `hush chat`, marked',
      'not sent. Writing to someone who sent you a request accepts it.',
    ].join('\n'),
    load: async () => (await import('./commands/send.ts')).send,
  }),
  messaging({
    path: ['listen'],
    summary: 'Print incoming messages as they arrive (Ctrl-C stops)',
    description: [
      'Receives until SIGINT (Ctrl-C) or SIGTERM, then exits 0. One line per incoming message,',
      'written at once: "[time] name-or-short-id: text", or with --json one JSON object per line:',
      '{"sender", "timestamp" (ms), "text", "conversation", "name" (or null), "id"}. Messages that',
      'arrived while nothing was listening come first. Status notes and warnings go to standard error.',
    ].join('\n'),
    load: async () => (await import('./commands/listen.ts')).listen,
  }),
  messaging({
    path: ['network'],
    summary: 'Show how your client reaches the network: onion paths hop by hop, clock, swarm',
    description: [
      'Connects (without receiving), waits until the client has measured every hop of its onion paths',
      '(at most 15 s), then prints each path: guard, middle and exit with their address, node key and',
      'latency (the guard\'s round trip, then each later hop\'s own share and its distance from you),',
      'and the path\'s round trip; then your clock against the network\'s, the nodes known and your',
      'own swarm. With --json: {"paths": [{"id", "latency_ms", "failures", "hops": [{"role",',
      '"ed25519", "ip", "port", "latency_ms", "hop_ms"}]}], "clock_offset_ms", "nodes_known", "swarm":',
      '{"id", "members"}}; a figure not measured yet is null.',
    ].join('\n'),
    load: async () => (await import('./commands/network.ts')).network,
  }),
  messaging({
    path: ['chats'],
    summary: 'List your conversations, newest first, with unread counts',
    description: ['Lists accepted conversations, newest first, with unread counts and the last message.', READING_TEXT].join('\n'),
    load: async () => (await import('./commands/chats.ts')).chats,
  }),
  messaging({
    path: ['chat'],
    args: '<session-id>',
    summary: "Show a conversation's messages, oldest first",
    description: [
      "Shows the conversation's last messages, oldest first; yours are marked ✓ N/M (stored on N of",
      'the M nodes of their swarm), "… sending" or "✗ not sent (CODE)". Marks them read.',
      READING_TEXT,
    ].join('\n'),
    options: [option('limit', '--limit N', `How many of the last messages to show (default ${DEFAULT_CHAT_MESSAGES}, at most ${MAX_CHAT_MESSAGES})`)],
    load: async () => (await import('./commands/chat.ts')).chat,
  }),
  messaging({
    path: ['requests'],
    summary: 'List message requests (people who wrote to you first)',
    description: [
      'Lists message requests: conversations started by someone you have not answered. Accept one with',
      '`hush requests accept <session-id>` (replying accepts too) or decline it with',
      '`hush requests decline <session-id>`.',
      READING_TEXT,
    ].join('\n'),
    load: async () => (await import('./commands/requests-list.ts')).requestsList,
  }),
  messaging({
    path: ['requests', 'accept'],
    args: '<session-id>',
    summary: 'Accept a message request',
    description: 'Moves the request to your chats and tells them (they see that you accepted, with your display name).',
    load: async () => (await import('./commands/requests-accept.ts')).requestsAccept,
  }),
  messaging({
    path: ['requests', 'decline'],
    args: '<session-id>',
    summary: 'Decline a message request (their messages are dropped)',
    description: 'Declines the request: their messages are dropped from now on. They are not told (as in Session).',
    load: async () => (await import('./commands/requests-decline.ts')).requestsDecline,
  }),
  messaging({
    path: ['contacts'],
    summary: 'List everyone you have a conversation with',
    description: ['Lists everyone you have a conversation with: name, state, and whether they accepted you.', READING_TEXT].join('\n'),
    load: async () => (await import('./commands/contacts.ts')).contacts,
  }),
  messaging({
    path: ['profile', 'show'],
    summary: 'Show your Session ID and display name',
    description: 'Shows your Session ID and the display name sent with your messages.',
    load: async () => (await import('./commands/profile-show.ts')).profileShow,
  }),
  messaging({
    path: ['profile', 'set-name'],
    args: '<name>',
    summary: 'Set the display name sent with your messages',
    description: 'Sets your display name (at most 100 bytes of UTF-8); it goes with your next messages, and the other side shows it.',
    load: async () => (await import('./commands/profile-set-name.ts')).profileSetName,
  }),
];

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
    path: ['app'],
    summary: 'Run the web messenger on this computer (prints the address to open)',
    description: [
      'Starts the local client daemon: the web messenger on http://127.0.0.1:PORT, behind an access key',
      'that changes on every launch (the printed address carries it; keep it to yourself). Uses the account',
      'in the data directory (default ~/.hush), or lets you create or restore one in the browser. Builds',
      'the web app first when it is missing or older than its sources. Runs until SIGINT (Ctrl-C) or SIGTERM.',
    ].join('\n'),
    options: [NETWORK_OPTION, option('port', '--port PORT', 'Port on 127.0.0.1 (default 0: any free port)')],
    section: MESSAGING_SECTION,
    load: async () => (await import('./commands/app.ts')).app,
  },
  {
    path: ['start'],
    summary: 'Run the local network and the messenger for two ready accounts (what `npm start` runs)',
    description: [
      'Starts a local Hush network (a registry and 12 service nodes, kept in <data dir>/devnet), two',
      'ready accounts, Alice and Bob (<data dir>/profiles), and the messenger web app for each on',
      '127.0.0.1, then prints the two URLs and how to use the CLI against the same network. Runs until',
      'Ctrl-C, then stops everything it started. Running it again reuses the network, the accounts and',
      'their messages. The data dir is ./.hush-local (or $HUSH_DATA_DIR, or --data-dir), apart from',
      'your personal account in ~/.hush.',
    ].join('\n'),
    options: [option('nodes', '--nodes N', 'Service nodes in the local network (default 12)')],
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
  ...MESSAGING_COMMANDS,
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
