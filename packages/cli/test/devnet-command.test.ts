/**
 * `hush devnet up` / `hush devnet status`, as real processes: 5 nodes come up in a temp dir,
 * devnet.json lists them, `devnet status` sees them answer, SIGINT stops everything (exit 0, no
 * node process left), and a second run in the same dir (stopped with SIGTERM) keeps every node's
 * keys and address. SIGINT during start-up also stops everything with exit 0.
 */
import { strict as assert } from 'node:assert';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { isAlive, pidsUsing, startCli, stopCli, waitUntil } from './cli-process.ts';
import type { RunningCli } from './cli-process.ts';
import { runCli, tempDir } from './run-cli.ts';

const NODES = 5;
/** Below the kernel's ephemeral range and away from the devnet package's own tests (30000+). */
const BASE_PORT = 23_000 + 20 * Math.floor(Math.random() * 300);
const UP_TIMEOUT_MS = 75_000;

interface FileNode {
  readonly pubkey_ed25519: string;
  readonly pubkey_x25519: string;
  readonly ip: string;
  readonly port: number;
  readonly swarm_id: string;
}

let root = '';
let cleanup = async (): Promise<void> => {};
const started: RunningCli[] = [];

before(async () => {
  ({ path: root, cleanup } = await tempDir('hush-devnet-cmd-'));
});

after(async () => {
  for (const cli of started) if (cli.child.exitCode === null) await stopCli(cli, 'SIGKILL', 5_000);
  await waitUntil(() => pidsUsing(root).length === 0, 10_000);
  await cleanup();
});

function up(dir: string, json: boolean, basePort = BASE_PORT): RunningCli {
  const cli = startCli(['devnet', 'up', '--nodes', String(NODES), '--dir', dir, '--base-port', String(basePort), ...(json ? ['--json'] : [])]);
  started.push(cli);
  return cli;
}

async function devnetFile(dir: string): Promise<{ registry: string; nodes: FileNode[] }> {
  return JSON.parse(await readFile(join(dir, 'devnet.json'), 'utf8')) as { registry: string; nodes: FileNode[] };
}

/** Pids in the last column of the table `devnet up` prints. */
function pidsFromTable(text: string): number[] {
  return [...text.matchAll(/^\d+\s+127\.\S+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{64}\s+(\d+)$/gm)].map((m) => Number(m[1]));
}

async function assertAllGone(dir: string, pids: readonly number[]): Promise<void> {
  assert.ok(await waitUntil(() => pids.every((p) => !isAlive(p)), 10_000), `node processes left: ${pids.filter(isAlive).join(' ')}`);
  assert.deepEqual(pidsUsing(dir), [], 'no process mentions the devnet dir');
}

describe('hush devnet up / status (real processes)', () => {
  test(`up --nodes ${NODES}: devnet.json, status, SIGINT → exit 0 and nothing left; a re-run keeps the keys`, async () => {
    const dir = join(root, 'devnet');
    const first = up(dir, false);
    const text = await first.waitForStdout((s) => s.includes('Press Ctrl-C'), UP_TIMEOUT_MS);
    assert.match(first.stderr(), new RegExp(`starting the registry and ${NODES} service nodes in ${dir}`));
    const file = await devnetFile(dir);
    assert.equal(file.nodes.length, NODES);
    assert.equal(new Set(file.nodes.map((n) => n.pubkey_ed25519)).size, NODES, 'distinct node keys');
    assert.equal(new Set(file.nodes.map((n) => `${n.ip}:${n.port}`)).size, NODES, 'distinct addresses');
    assert.ok(text.includes(join(dir, 'devnet.json')), 'prints where devnet.json is');
    for (const n of file.nodes) assert.ok(text.includes(n.pubkey_ed25519), `table lists ${n.pubkey_ed25519}`);
    const pids = pidsFromTable(text);
    assert.equal(pids.length, NODES, text);
    assert.ok(pids.every(isAlive));

    const status = await runCli(['devnet', 'status', '--json', '--dir', dir]);
    assert.equal(status.code, 0, status.stderr);
    const doc = JSON.parse(status.stdout) as { answering: number; registry: string; nodes: { pubkey_ed25519: string; answers: boolean }[] };
    assert.equal(doc.answering, NODES);
    assert.equal(doc.registry, file.registry);
    assert.deepEqual(doc.nodes.map((n) => n.pubkey_ed25519), file.nodes.map((n) => n.pubkey_ed25519));

    const one = await runCli(['node', 'status', '--json', '--data-dir', join(dir, 'node-1')]);
    assert.equal(one.code, 0, one.stderr);
    assert.equal((JSON.parse(one.stdout) as { pubkey_ed25519: string }).pubkey_ed25519, file.nodes[1]!.pubkey_ed25519);

    assert.equal(await stopCli(first, 'SIGINT', 20_000), 0, first.stderr());
    assert.match(first.stderr(), /SIGINT: stopping the devnet[\s\S]*devnet stopped/);
    await assertAllGone(dir, pids);
    const stoppedStatus = await runCli(['devnet', 'status', '--dir', dir]);
    assert.equal(stoppedStatus.code, 0);
    assert.match(stoppedStatus.stdout, /0 of 5 nodes answer\. The devnet is not running/);

    const second = up(dir, true);
    const line = (await second.waitForStdout((s) => s.includes('\n'), UP_TIMEOUT_MS)).split('\n')[0]!;
    const again = JSON.parse(line) as { event: string; nodes: { pubkey_ed25519: string; pubkey_x25519: string; ip: string; port: number; pid: number }[] };
    assert.equal(again.event, 'up');
    const keys = (nodes: readonly { pubkey_ed25519: string; pubkey_x25519: string; ip: string; port: number }[]) =>
      nodes.map((n) => [n.pubkey_ed25519, n.pubkey_x25519, n.ip, n.port]);
    assert.deepEqual(keys(again.nodes), keys(file.nodes), 'same identities and addresses on re-run');
    assert.equal(await stopCli(second, 'SIGTERM', 20_000), 0, second.stderr());
    assert.equal(second.stdout().trim().split('\n').length, 1, 'with --json exactly one JSON object on stdout');
    await assertAllGone(dir, again.nodes.map((n) => n.pid));
  });

  test('Ctrl-C while the nodes are starting stops everything and exits 0', async () => {
    const dir = join(root, 'interrupted');
    const cli = up(dir, false, BASE_PORT + 100);
    assert.ok(await waitUntil(() => /waiting for swarms to form/.test(cli.stderr()), 30_000), cli.stderr());
    assert.equal(await stopCli(cli, 'SIGINT', 20_000), 0, cli.stderr());
    assert.match(cli.stderr(), /stopped before the devnet was up/);
    assert.equal(cli.stdout(), '', 'no table: the devnet never came up');
    assert.ok(await waitUntil(() => pidsUsing(dir).length === 0, 10_000), `left running: ${pidsUsing(dir).join(' ')}`);
  });
});
