/**
 * Integration: a 5-node devnet on loopback (one child process per node). One devnet start for the
 * in-process tests, then a second start of the same dir through the foreground entry point, which
 * is SIGKILLed to check its nodes do not outlive it.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  blake2b,
  edPkToCurve,
  fromHex,
  messageHash,
  retrieveSignedString,
  signDetached,
  signSeedKeypair,
  swarmForPubkey,
  toBase64,
  toHex,
  utf8,
} from '@hush/core';
import { startDevnet, storageRpc, type Devnet } from '@hush/devnet';
import { isAlive, pidsFromTable, pidsUsing, waitFor } from './process-helpers.ts';

const NODES = 5;
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'hush-devnet-'));
const basePort = 10_000 + Math.floor(Math.random() * 20_000);
let devnet: Devnet | undefined;
let firstRun: { ed: string; x: string; ip: string; port: number; swarm: string }[] = [];

const logLines: string[] = [];

before(async () => {
  devnet = await startDevnet({ nodes: NODES, dir, basePort, log: (l) => logLines.push(l), readyTimeoutMs: 45_000, stopGraceMs: 3_000 });
});

after(async () => {
  await devnet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('the devnet comes up and devnet.json matches the registry', async () => {
  assert.ok(devnet);
  assert.equal(devnet.nodes.length, NODES);
  const file = JSON.parse(readFileSync(join(dir, 'devnet.json'), 'utf8'));
  assert.equal(file.registry, devnet.registry);
  const res = await fetch(`${devnet.registry}/json_rpc`, {
    method: 'POST',
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'get_n_service_nodes', params: { active_only: true } }),
  });
  const listed = ((await res.json()) as { result: { service_node_states: Record<string, unknown>[] } }).result.service_node_states;
  const fromRegistry = listed.map((s) => [s['pubkey_ed25519'], s['pubkey_x25519'], s['public_ip'], s['storage_port'], s['swarm']]).sort();
  const fromFile = (file.nodes as Record<string, unknown>[]).map((n) => [n['pubkey_ed25519'], n['pubkey_x25519'], n['ip'], n['port'], n['swarm_id']]).sort();
  assert.deepEqual(fromFile, fromRegistry);
  for (const n of file.nodes) {
    assert.match(n.swarm_id, /^[0-9a-f]{16}$/);
    assert.notEqual(n.swarm_id, 'ffffffffffffffff');
    assert.equal(toHex(edPkToCurve(fromHex(n.pubkey_ed25519, 'ed', 32))), n.pubkey_x25519);
  }
  assert.equal(new Set(file.nodes.map((n: { ip: string; port: number }) => `${n.ip}:${n.port}`)).size, NODES);
  // Linux routes all of 127/8 to loopback: every node gets its own address.
  assert.deepEqual(devnet.nodes.map((n) => n.ip), ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6']);
  assert.deepEqual(pidsFromTable(logLines.join('\n')), devnet.nodes.map((n) => n.pid), 'the table lists every node');
  firstRun = file.nodes.map((n: Record<string, never>) => ({ ed: n['pubkey_ed25519'], x: n['pubkey_x25519'], ip: n['ip'], port: n['port'], swarm: n['swarm_id'] }));
});

test('a message stored through one node is retrieved through another node of the same swarm', async () => {
  assert.ok(devnet);
  const account = signSeedKeypair(blake2b(32, utf8(`devnet-test-account-${basePort}`)));
  const pubkey = `05${toHex(edPkToCurve(account.publicKey))}`;
  const swarm = swarmForPubkey(fromHex(pubkey, 'pubkey', 33), devnet.nodes.map((n) => BigInt(`0x${n.swarm}`)));
  const members = devnet.nodes.filter((n) => BigInt(`0x${n.swarm}`) === swarm);
  assert.ok(members.length >= 2, 'the swarm has two members');
  const [entry, other] = [members[0]!, members[members.length - 1]!];
  const data = utf8(`hello from the devnet test ${basePort}`);
  const now = Date.now();
  const store = await storageRpc(entry.ip, entry.port, {
    method: 'store',
    params: { pubkey, namespace: 0, timestamp: now, ttl: 60_000, data: toBase64(data) },
  }, { timeoutMs: 10_000 });
  assert.equal(store.status, 200, store.body);
  const stored = JSON.parse(store.body);
  assert.ok(stored.swarm[other.pubkeyEd25519], 'the other member took part in the store');
  const hash = messageHash(fromHex(pubkey, 'pubkey', 33), 0, data);

  const ts = Date.now();
  const signature = toBase64(signDetached(retrieveSignedString({ namespace: 0, timestamp: ts }), account.secretKey));
  const retrieve = await storageRpc(other.ip, other.port, {
    method: 'retrieve',
    params: { pubkey, namespace: 0, timestamp: ts, signature, pubkey_ed25519: toHex(account.publicKey) },
  }, { timeoutMs: 10_000, maxBytes: 1 << 20 });
  assert.equal(retrieve.status, 200, retrieve.body);
  const messages = JSON.parse(retrieve.body).messages as { hash: string; data: string }[];
  const found = messages.find((m) => m.hash === hash);
  assert.ok(found, `message ${hash} retrieved through ${other.ip}:${other.port}`);
  assert.equal(found.data, toBase64(data));
});

test('stop() leaves no node process behind, and removes the nodes\' JavaScript build', async () => {
  assert.ok(devnet);
  const pids = devnet.nodes.map((n) => n.pid);
  assert.ok(pids.every(isAlive), 'nodes run before stop');
  // The nodes run the JavaScript build made at start (no TypeScript loader in their processes).
  const entries = pids.map((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0'));
  const builds = new Set(entries.map((args) => args.find((a) => a.endsWith('/main.mjs'))));
  assert.equal(builds.size, 1, `one build for all nodes: ${[...builds].join(', ')}`);
  const entry = [...builds][0]!;
  assert.ok(entry.includes(join('node_modules', '.cache', 'hush-node-build')), entry);
  assert.ok(entries.every((args) => !args.includes('tsx')), 'no tsx loader in the node processes');
  assert.ok(existsSync(join(dirname(entry), 'writer-worker.mjs')) && existsSync(join(dirname(entry), 'signature-worker.mjs')), 'the threads\' entries lie beside it');
  const running = devnet;
  devnet = undefined;
  await running.stop();
  assert.ok(!pids.some(isAlive), 'stop() resolves once every node process is gone');
  assert.deepEqual(pidsUsing(dir), [], 'nothing started for this devnet still runs');
  assert.equal(existsSync(dirname(entry)), false, 'the build is removed');
  await running.stop(); // idempotent
});

test('a restart on the same dir keeps identities; nodes die when the devnet process is killed', async () => {
  assert.ok(firstRun.length === NODES, 'first run recorded');
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'packages/devnet/src/main.ts'), '--nodes', String(NODES), '--dir', dir], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  try {
    assert.ok(await waitFor(() => out.includes('devnet up') || child.exitCode !== null, 45_000), `devnet started:\n${out}`);
    assert.match(out, /devnet up/, out);
    const file = JSON.parse(readFileSync(join(dir, 'devnet.json'), 'utf8'));
    const again = file.nodes.map((n: Record<string, never>) => ({ ed: n['pubkey_ed25519'], x: n['pubkey_x25519'], ip: n['ip'], port: n['port'], swarm: n['swarm_id'] }));
    assert.deepEqual(again, firstRun);
    const pids = pidsFromTable(out);
    assert.equal(pids.length, NODES, `pids in the table:\n${out}`);
    assert.ok(pids.every(isAlive));
    child.kill('SIGKILL');
    assert.ok(await waitFor(() => !pids.some(isAlive), 8_000), 'nodes exit once their devnet is gone');
    assert.deepEqual(pidsUsing(dir), []);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
});
