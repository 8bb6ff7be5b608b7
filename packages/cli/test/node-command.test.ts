/**
 * `hush node start` / `hush node status`, as real processes: a node on a static one-node network
 * (devnet.json written by the test, identity pre-made so its key is known) answers `info` over
 * HTTPS, `node status` reports it, a second start is refused, SIGTERM stops it with exit 0 and
 * leaves nothing running, and `node status` then says it is not running.
 */
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { blake2b, utf8 } from '@hush/core';
import { storageRpc } from '@hush/devnet';
import { writeIdentity } from '@hush/node';
import type { NodeIdentity } from '@hush/node';
import { freePort, isAlive, pidsUsing, startCli, stopCli, waitUntil } from './cli-process.ts';
import type { RunningCli } from './cli-process.ts';
import { runCli, runMain, tempDir } from './run-cli.ts';
import type { CliResult } from './run-cli.ts';

let root = '';
let cleanup = async (): Promise<void> => {};
let node: RunningCli | undefined;

before(async () => {
  ({ path: root, cleanup } = await tempDir('hush-node-cmd-'));
});

after(async () => {
  if (node !== undefined && node.child.exitCode === null) await stopCli(node, 'SIGKILL', 5_000);
  await cleanup();
});

function errorOf(r: CliResult): { code: string; message: string } {
  return (JSON.parse(r.stdout) as { error: { code: string; message: string } }).error;
}

async function staticNetwork(dir: string, identity: NodeIdentity, port: number): Promise<string> {
  const file = join(dir, 'devnet.json');
  const entry = { pubkey_ed25519: identity.ed25519Hex, pubkey_x25519: identity.x25519Hex, ip: '127.0.0.1', port, swarm_id: '0000000000000000' };
  await writeFile(file, JSON.stringify({ nodes: [entry] }));
  return file;
}

describe('hush node start / status (real processes)', () => {
  test('start → info over HTTPS, status, refused twice, SIGTERM → exit 0, then "not running"', async () => {
    const dataDir = join(root, 'node');
    await mkdir(dataDir, { recursive: true });
    const identity = writeIdentity(dataDir, blake2b(32, utf8(`hush cli node test ${root}`)));
    const port = await freePort();
    const network = await staticNetwork(root, identity, port);

    node = startCli(['node', 'start', '--json', '--data-dir', dataDir, '--port', String(port), '--devnet', network, '--log-level', 'warn']);
    const line = (await node.waitForStdout((s) => s.includes('\n'), 30_000)).split('\n')[0]!;
    const listening = JSON.parse(line) as Record<string, unknown>;
    assert.equal(listening['event'], 'listening');
    assert.equal(listening['port'], port);
    assert.equal(listening['pubkey_ed25519'], identity.ed25519Hex, 'the node keeps the identity in its data dir');
    assert.equal(listening['pubkey_x25519'], identity.x25519Hex);

    const info = await storageRpc('127.0.0.1', port, { method: 'info', params: {} }, { timeoutMs: 5_000 });
    assert.equal(info.status, 200, info.body);
    const infoBody = JSON.parse(info.body) as { version?: unknown };
    assert.ok(Array.isArray(infoBody.version), info.body);

    const status = await runCli(['node', 'status', '--data-dir', dataDir]);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, new RegExp(`pubkey_ed25519\\s+${identity.ed25519Hex}`));
    assert.match(status.stdout, /state\s+ready/);
    assert.match(status.stdout, /swarm\s+0000000000000000, 1 member:/);
    assert.match(status.stdout, new RegExp(`address\\s+https://127\\.0\\.0\\.1:${port}`));

    const json = await runCli(['node', 'status', '--json', '--data-dir', dataDir]);
    assert.equal(json.code, 0, json.stderr);
    const doc = JSON.parse(json.stdout) as Record<string, unknown>;
    assert.equal(doc['pubkey_ed25519'], identity.ed25519Hex);
    assert.equal(doc['ready'], true);
    assert.equal(doc['pid'], node.child.pid);
    assert.ok(typeof doc['requests'] === 'number' && doc['requests'] >= 1, 'our info request is counted');
    assert.equal(doc['replication_failures'], 0);

    const twice = await runCli(['node', 'start', '--json', '--data-dir', dataDir, '--port', '0', '--devnet', network]);
    assert.equal(twice.code, 1, twice.stdout + twice.stderr);
    assert.equal(errorOf(twice).code, 'HUSH_ERR_ALREADY_RUNNING');

    const pid = node.child.pid!;
    assert.equal(await stopCli(node, 'SIGTERM', 15_000), 0, node.stderr());
    assert.doesNotMatch(node.stderr(), /^hush:/m, 'with --json no progress lines on stderr');
    assert.equal(node.stdout().trim().split('\n').length, 1, 'with --json exactly one JSON object on stdout');
    assert.ok(await waitUntil(() => !isAlive(pid), 5_000));
    assert.deepEqual(pidsUsing(dataDir), [], 'nothing left running with the data dir');
    assert.equal(existsSync(join(dataDir, 'running.json')), false, 'running.json is removed on a clean stop');
    await assert.rejects(storageRpc('127.0.0.1', port, { method: 'info', params: {} }, { timeoutMs: 2_000 }), 'the port is closed');

    const stopped = await runCli(['node', 'status', '--json', '--data-dir', dataDir]);
    assert.equal(stopped.code, 1);
    assert.equal(errorOf(stopped).code, 'HUSH_ERR_NOT_RUNNING');
    assert.match(errorOf(stopped).message, /hush node start --data-dir/);
  });

  test('status of a node that was killed: running.json is recognised as stale', async () => {
    const dataDir = join(root, 'killed');
    await mkdir(dataDir, { recursive: true });
    const port = await freePort();
    const stale = { pid: 2 ** 31 - 2, host: '127.0.0.1', port: 1, metrics_host: '127.0.0.1', metrics_port: port, pubkey_ed25519: 'ab'.repeat(32), started_at: 1 };
    await writeFile(join(dataDir, 'running.json'), JSON.stringify(stale));
    const r = await runCli(['node', 'status', '--data-dir', dataDir]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /is not running \(nothing answers at http:\/\/127\.0\.0\.1:\d+\/status; process \d+, which started it, has exited\)/);
    assert.match(r.stderr, /\(HUSH_ERR_NOT_RUNNING\)$/m);
    assert.equal(JSON.parse(await readFile(join(dataDir, 'running.json'), 'utf8')).pid, stale.pid, 'status never deletes files');
  });
});

describe('node and devnet command lines (in-process)', () => {
  const usage = async (argv: string[], pattern: RegExp): Promise<void> => {
    const r = await runMain(argv);
    assert.equal(r.code, 2, r.stdout + r.stderr);
    assert.match(r.stderr, pattern);
    assert.match(r.stderr, /\(HUSH_ERR_USAGE\)/);
  };

  test('bad values are usage errors naming the option', async () => {
    await usage(['node', 'start', '--port', 'http'], /--port must be a whole number from 0 to 65535, got "http"/);
    await usage(['node', 'start', '--metrics-port', '70000'], /--metrics-port must be a whole number/);
    await usage(['node', 'start', '--registry', 'ftp://x'], /--registry must be an http:\/\/ or https:\/\/ URL/);
    await usage(['node', 'start', '--registry', 'http://127.0.0.1:1', '--devnet', 'x.json'], /either --registry or --devnet/);
    await usage(['node', 'start', '--outgoing-address', 'localhost'], /--outgoing-address must be an IPv4 address/);
    await usage(['node', 'start', '--log-level', 'loud'], /--log-level must be debug, info, warn or error/);
    await usage(['node', 'status', '--port', '1'], /--port does not apply to "hush node status"/);
    await usage(['devnet', 'up', '--nodes', '0'], /--nodes must be a whole number from 1 to 200, got "0"/);
    await usage(['devnet', 'up', '--nodes', '12x'], /--nodes must be a whole number/);
    await usage(['devnet', 'up', '--base-port', '80'], /--base-port must be a whole number from 1024 to 65000/);
    await usage(['devnet', 'status', '--nodes', '3'], /--nodes does not apply to "hush devnet status"/);
    await usage(['node'], /"hush node" needs a command: start, status/);
    await usage(['devnet', 'down'], /unknown "devnet" command "down"/);
  });

  test('a bad config file names the file and the key', async () => {
    const file = join(root, 'bad-config.json');
    await writeFile(file, JSON.stringify({ dataDir: 'x', port: 'many' }));
    const r = await runMain(['node', 'start', '--json', '--config', file]);
    assert.equal(r.code, 1);
    const error = errorOf(r);
    assert.equal(error.code, 'HUSH_ERR_BAD_CONFIG');
    assert.ok(error.message.includes(file) && error.message.includes('port'), error.message);
    const missing = await runMain(['node', 'start', '--json', '--config', join(root, 'nope.json')]);
    assert.equal(errorOf(missing).code, 'HUSH_ERR_IO');
  });

  test('status without a node or devnet says what to run', async () => {
    const none = await runMain(['node', 'status', '--json', '--data-dir', join(root, 'no-such-node')]);
    assert.equal(none.code, 1);
    assert.equal(errorOf(none).code, 'HUSH_ERR_NOT_RUNNING');
    assert.match(errorOf(none).message, /does not exist; start one with "hush node start --data-dir .*no-such-node"/);
    const devnet = await runMain(['devnet', 'status', '--json', '--dir', join(root, 'no-devnet')]);
    assert.equal(devnet.code, 1);
    assert.equal(errorOf(devnet).code, 'HUSH_ERR_NOT_RUNNING');
    assert.match(errorOf(devnet).message, /hush devnet up --dir .*no-devnet/);
  });

  test('help lists the commands and explains each', async () => {
    const top = await runMain(['--help']);
    for (const cmd of ['node start', 'node status', 'devnet up', 'devnet status']) assert.ok(top.stdout.includes(cmd), cmd);
    const start = await runMain(['help', 'node', 'start']);
    for (const o of ['--config FILE', '--host IP', '--port PORT', '--registry URL', '--devnet FILE', '--metrics-port PORT']) assert.ok(start.stdout.includes(o), o);
    assert.match(start.stdout, /SIGTERM/);
    const up = await runMain(['devnet', 'up', '--help']);
    for (const o of ['--nodes N', '--dir DIR', '--base-port PORT', 'default 12', 'devnet.json']) assert.ok(up.stdout.includes(o), o);
  });
});
