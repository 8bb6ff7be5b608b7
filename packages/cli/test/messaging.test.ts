/**
 * The messaging commands as real processes against one 6-node devnet (registry + node processes
 * on loopback, real onion paths): two accounts in two data directories; A sends, B's `listen
 * --json` prints it; requests, accept, chats, chat; a display name reaching the other side; the
 * usage and "no network" errors; and the example echo bot answering a message sent with the CLI.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { startDevnet, type Devnet } from '@hush/devnet';
import { startCli, stopCli, waitUntil, pidsUsing } from './cli-process.ts';
import type { RunningCli } from './cli-process.ts';
import { runCli, runMain, tempDir } from './run-cli.ts';
import type { CliResult } from './run-cli.ts';

const NODES = 6; // fewer than two swarms' worth (5 each): one swarm of 6
const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const ECHO_BOT = join(REPO, 'examples', 'echo-bot.ts');
const basePort = 10_000 + Math.floor(Math.random() * 20_000);
const SESSION_ID = /^05[0-9a-f]{64}$/;
const LINE_MS = 30_000;

let root = '';
let cleanup = async (): Promise<void> => {};
let devnet: Devnet | undefined;
let network = '';
const running: RunningCli[] = [];
let dirA = '';
let dirB = '';
let idA = '';
let idB = '';

/** `hush --data-dir <dir> --network <devnet.json> ...args` */
function hush(dir: string, args: readonly string[], env?: Record<string, string>): Promise<CliResult> {
  return runCli(['--data-dir', dir, '--network', network, ...args], env === undefined ? {} : { env });
}

function ok(r: CliResult, what: string): CliResult {
  assert.equal(r.code, 0, `${what}: exit ${String(r.code)}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`);
  return r;
}

async function json<T>(dir: string, args: readonly string[]): Promise<T> {
  return JSON.parse(ok(await hush(dir, [...args, '--json']), args.join(' ')).stdout) as T;
}

function listen(dir: string, jsonLines: boolean): RunningCli {
  const cli = startCli(['--data-dir', dir, '--network', network, 'listen', ...(jsonLines ? ['--json'] : [])]);
  running.push(cli);
  return cli;
}

async function createAccount(dir: string): Promise<string> {
  const r = ok(await runMain(['--data-dir', dir, 'account', 'create', '--json']), 'account create');
  const id = (JSON.parse(r.stdout) as { session_id: string }).session_id;
  assert.match(id, SESSION_ID);
  return id;
}

interface ListenLine {
  readonly sender: string;
  readonly timestamp: number;
  readonly text: string;
  readonly conversation: string;
  readonly name: string | null;
  readonly id: number;
}

/** Every stdout line of `listen --json`, each parsed as one JSON object. */
function listenLines(stdout: string): ListenLine[] {
  return stdout.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as ListenLine);
}

interface ConversationJson {
  readonly id: string;
  readonly name: string | null;
  readonly state: string;
  readonly unread: number;
  readonly approved_me: boolean;
}

interface ChatJson {
  readonly conversation: ConversationJson;
  readonly messages: readonly { readonly direction: string; readonly text: string; readonly delivery: string; readonly stored_on: number }[];
}

interface NetworkJson {
  readonly paths: readonly {
    readonly latency_ms: number | null;
    readonly hops: readonly { readonly role: string; readonly ed25519: string; readonly ip: string; readonly port: number; readonly latency_ms: number | null; readonly hop_ms: number | null }[];
  }[];
  readonly clock_offset_ms: number;
  readonly nodes_known: number;
  readonly swarm: { readonly id: string; readonly members: readonly string[] } | null;
}

before(async () => {
  ({ path: root, cleanup } = await tempDir('hush-messaging-'));
  // The devnet lives where `npm start` keeps it for HUSH_DATA_DIR=<root>/local, so the default --network finds it.
  devnet = await startDevnet({ nodes: NODES, dir: join(root, 'local', 'devnet'), basePort, log: () => {}, readyTimeoutMs: 60_000, stopGraceMs: 3_000 });
  network = devnet.devnetFile;
  [dirA, dirB] = [join(root, 'alice'), join(root, 'bob')];
  [idA, idB] = await Promise.all([createAccount(dirA), createAccount(dirB)]);
});

after(async () => {
  for (const cli of running) if (cli.child.exitCode === null && cli.child.signalCode === null) await stopCli(cli, 'SIGKILL', 5_000);
  await devnet?.stop();
  await waitUntil(() => pidsUsing(root).length === 0, 10_000);
  await cleanup();
});

describe('hush messaging commands (real processes, 6-node devnet)', () => {
  test('A sends to B ("Sent · stored on N of M nodes"); B\'s listen --json prints one JSON line for it; SIGINT ends listen with 0', async () => {
    const sent = ok(await hush(dirA, ['send', idB, 'hello B']), 'send');
    const m = /^Sent · stored on (\d+) of (\d+) nodes\n$/.exec(sent.stdout);
    assert.ok(m, sent.stdout);
    assert.equal(Number(m[2]), NODES, 'the whole swarm (all 6 nodes) was asked');
    assert.ok(Number(m[1]) >= 1 && Number(m[1]) <= NODES);

    const b = listen(dirB, true);
    await b.waitForStdout((s) => listenLines(s).some((l) => l.text === 'hello B'), LINE_MS);
    const lines = listenLines(b.stdout());
    assert.equal(lines.length, 1, 'exactly the one message, one object per line');
    const line = lines[0]!;
    assert.equal(line.sender, idA);
    assert.equal(line.conversation, idA);
    assert.equal(line.name, null, 'A has no display name yet');
    assert.ok(Math.abs(line.timestamp - Date.now()) < 60_000, `timestamp ${line.timestamp} is a time in ms near now`);
    assert.deepEqual(Object.keys(line).sort(), ['conversation', 'id', 'name', 'sender', 'text', 'timestamp']);
    // A second listener on the same account would take part of B's messages: it is refused, naming the first.
    const second = await hush(dirB, ['listen']);
    assert.equal(second.code, 1, `second listen: exit ${String(second.code)}\nstderr: ${second.stderr}`);
    assert.match(second.stderr, /already receiving in another process \(pid \d+\)/);
    assert.match(second.stderr, /HUSH_ERR_ALREADY_RUNNING/);
    assert.equal(await stopCli(b, 'SIGINT', 15_000), 0);
  });

  test('B: requests lists A; requests accept; chats and chat show the history, ours with delivery marks', async () => {
    const [requests, requestsText, chatsBefore] = await Promise.all([
      json<{ requests: ConversationJson[] }>(dirB, ['requests']),
      hush(dirB, ['requests']),
      json<{ conversations: unknown[] }>(dirB, ['chats']),
    ]);
    assert.deepEqual(requests.requests.map((r) => [r.id, r.state]), [[idA, 'request']]);
    assert.match(ok(requestsText, 'requests').stdout, new RegExp(idA));
    assert.deepEqual(chatsBefore.conversations, [], 'a request is not a chat yet');

    ok(await hush(dirB, ['requests', 'accept', idA]), 'requests accept');
    const [requestsAfter] = await Promise.all([json<{ requests: unknown[] }>(dirB, ['requests']), hush(dirB, ['send', idA, 'hi A']).then((r) => ok(r, 'reply'))]);
    assert.deepEqual(requestsAfter.requests, []);

    const [chatsB, chatB] = await Promise.all([json<{ conversations: ConversationJson[] }>(dirB, ['chats']), hush(dirB, ['chat', idA])]);
    assert.deepEqual(chatsB.conversations.map((c) => [c.id, c.state]), [[idA, 'accepted']]);
    const history = ok(chatB, 'chat').stdout.split('\n');
    const hello = history.findIndex((l) => l.includes('hello B'));
    const reply = history.findIndex((l) => l.includes('hi A'));
    assert.ok(hello !== -1 && reply > hello, `oldest first:\n${history.join('\n')}`);
    assert.match(history[reply]!, /✓ \d\/6/, 'our message shows it was stored by the swarm');
    assert.doesNotMatch(history[hello]!, /✓/, 'their message carries no delivery mark');

    const chatsA = await json<{ conversations: ConversationJson[] }>(dirA, ['chats']);
    assert.deepEqual(chatsA.conversations.map((c) => [c.id, c.unread]), [[idB, 1]], "A has B's reply unread");
    const chatA = await json<ChatJson>(dirA, ['chat', idB]);
    assert.deepEqual(chatA.messages.map((x) => [x.direction, x.text]), [['out', 'hello B'], ['in', 'hi A']]);
    assert.equal(chatA.conversation.approved_me, true, 'A sees that B accepted');
    assert.equal(chatA.messages[0]!.delivery, 'stored');
    const later = await json<{ conversations: ConversationJson[] }>(dirA, ['chats']);
    assert.equal(later.conversations[0]!.unread, 0, 'showing the chat marked it read');
  });

  test('profile set-name, then a message (over the default network): the other side shows the name', async () => {
    ok(await hush(dirA, ['profile', 'set-name', 'Alice Example']), 'set-name');
    // This send names no --network: the default is the network `npm start` runs, <HUSH_DATA_DIR>/devnet/devnet.json.
    const sendDefault = runCli(['--data-dir', dirA, 'send', idB, 'now with a name'], { env: { HUSH_DATA_DIR: join(root, 'local') } });
    const [profile, sent] = await Promise.all([json<{ name: string }>(dirA, ['profile', 'show']), sendDefault]);
    assert.equal(profile.name, 'Alice Example');
    assert.match(ok(sent, 'send over the default network').stdout, /^Sent · stored on \d+ of 6 nodes/);
    const b = listen(dirB, false);
    await b.waitForStdout((s) => s.includes('now with a name'), LINE_MS);
    assert.match(b.stdout(), /^\[\d\d:\d\d:\d\d\] Alice Example: now with a name$/m);
    assert.equal(await stopCli(b, 'SIGINT', 15_000), 0);
    const contacts = await json<{ contacts: { id: string; name: string | null }[] }>(dirB, ['contacts']);
    assert.deepEqual(contacts.contacts.map((c) => [c.id, c.name]), [[idA, 'Alice Example']]);
  });

  test('network: every hop of every path is a devnet node with a latency figure; the text names guard, middle and exit', async () => {
    const [status, text] = await Promise.all([json<NetworkJson>(dirA, ['network']), hush(dirA, ['network'])]);
    const nodes = (JSON.parse(readFileSync(network, 'utf8')) as { nodes: { pubkey_ed25519: string; ip: string; port: number }[] }).nodes;
    const address = new Map(nodes.map((n) => [n.pubkey_ed25519, `${n.ip}:${n.port}`]));
    assert.ok(status.paths.length >= 2, `the client keeps at least two paths: ${JSON.stringify(status.paths)}`);
    for (const path of status.paths) {
      assert.deepEqual(path.hops.map((h) => h.role), ['guard', 'middle', 'exit']);
      assert.equal(new Set(path.hops.map((h) => h.ed25519)).size, 3, 'no node twice on a path');
      let previous = 0;
      for (const hop of path.hops) {
        assert.equal(address.get(hop.ed25519), `${hop.ip}:${hop.port}`, 'a node of this devnet, at its address');
        assert.ok(hop.latency_ms !== null && hop.hop_ms !== null, `measured before printing: ${JSON.stringify(hop)}`);
        assert.ok(hop.latency_ms >= previous, 'never closer than the hop before it');
        assert.ok(Math.abs(previous + hop.hop_ms - hop.latency_ms) < 0.01, 'its share is the difference from the hop before');
        previous = hop.latency_ms;
      }
    }
    assert.equal(status.nodes_known, NODES);
    assert.deepEqual([...(status.swarm?.members ?? [])].sort(), [...address.keys()].sort(), 'one swarm: every node of the devnet');
    assert.ok(Math.abs(status.clock_offset_ms) < 5_000, 'same machine: the clocks agree');
    const out = ok(text, 'network').stdout;
    assert.match(out, /^Path 1 · /);
    for (const role of ['guard', 'middle', 'exit']) assert.match(out, new RegExp(`\\d +${role} +127\\.0\\.0\\.\\d+:\\d+ +[0-9a-f]{12}… +\\+?\\d+(\\.\\d)? ms`));
    assert.match(out, /Nodes known +6\n/);
  });

  test('a bad Session ID or an empty text is a usage error (exit 2) before anything connects', async () => {
    const real = await hush(dirA, ['send', '05abc', 'hi']); // one as a real process, the rest in-process (same main)
    const bad = [['chat', 'not-an-id'], ['requests', 'accept', `06${'a'.repeat(64)}`]];
    const inProcess = await Promise.all(bad.map((args) => runMain(['--data-dir', dirA, '--network', network, ...args])));
    [real, ...inProcess].forEach((r) => {
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /not a Session ID: expected 05 followed by 64 hex digits.*\(HUSH_ERR_USAGE\)/);
    });
    const empty = await runMain(['--data-dir', dirA, '--network', network, 'send', idB, '   ']);
    assert.equal(empty.code, 2, empty.stderr);
    assert.match(empty.stderr, /text: must not be empty/);
  });

  test('--network naming a missing file: send and listen exit 1 "run npm start"; chats shows local data with a warning', async () => {
    const missing = join(root, 'no-such', 'devnet.json');
    const run = (args: readonly string[]): Promise<CliResult> => runCli(['--data-dir', dirA, '--network', missing, ...args]);
    const [send, listening, chats] = await Promise.all([run(['send', idB, 'lost']), run(['listen']), run(['chats', '--json'])]);
    for (const r of [send, listening]) {
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`no network at ${missing}: run npm start \\(or pass --network\\) \\(HUSH_ERR_NOT_RUNNING\\)`));
    }
    assert.equal(chats.code, 0, chats.stderr);
    assert.match(chats.stderr, /warning: no network at .*run npm start/);
    assert.deepEqual((JSON.parse(chats.stdout) as { conversations: ConversationJson[] }).conversations.map((c) => c.id), [idB]);
  });

  test('examples/echo-bot.ts answers a message sent with the CLI, and stops cleanly on SIGINT', async () => {
    const bot = spawn(process.execPath, ['--import', 'tsx', ECHO_BOT, '--data-dir', join(root, 'bot'), '--network', network], { cwd: REPO, stdio: 'pipe' });
    let out = '';
    let err = '';
    bot.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    bot.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => bot.once('exit', (code) => resolve(code)));
    try {
      assert.ok(await waitUntil(() => /Echo bot 05[0-9a-f]{64}/.test(out), 30_000), `bot did not start\nstdout: ${out}\nstderr: ${err}`);
      const botId = /Echo bot (05[0-9a-f]{64})/.exec(out)![1]!;
      ok(await hush(dirA, ['send', botId, 'ping']), 'send to the bot');
      const a = listen(dirA, true);
      await a.waitForStdout((s) => listenLines(s).some((l) => l.sender === botId && l.text === 'echo: ping'), LINE_MS);
      assert.equal(await stopCli(a, 'SIGINT', 15_000), 0);
      bot.kill('SIGINT');
      assert.equal(await exited, 0, `bot exit\nstdout: ${out}\nstderr: ${err}`);
    } finally {
      if (bot.exitCode === null && bot.signalCode === null) bot.kill('SIGKILL');
    }
  });
});
