import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRegistry, type Registry } from '@hush/registry';
import { announceBody, listNodes, post, swarmIdsFromRaw, testNode } from './helpers.ts';

const T0 = 1_750_000_000_000;

interface Harness {
  registry: Registry;
  clock: { now: number };
  url: string;
}

async function startRegistry(opts: { expiryMs?: number; dataDir?: string } = {}): Promise<Harness> {
  const clock = { now: T0 };
  const registry = createRegistry({ port: 0, clock: () => clock.now, ...opts });
  await registry.start();
  return { registry, clock, url: registry.url };
}

async function withRegistry(fn: (h: Harness) => Promise<void>, opts: { expiryMs?: number; dataDir?: string } = {}): Promise<void> {
  const h = await startRegistry(opts);
  try {
    await fn(h);
  } finally {
    await h.registry.stop();
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

test('a correctly signed announce is accepted and the node is listed', () =>
  withRegistry(async ({ url }) => {
    const node = testNode(1);
    const res = await post(`${url}/announce`, announceBody(node, T0));
    assert.equal(res.status, 200, res.text);
    const reply = JSON.parse(res.text);
    assert.equal(reply.ok, true);
    assert.equal(reply.height, 1);
    assert.match(reply.swarm, /^[0-9a-f]{16}$/);
    assert.notEqual(reply.swarm, 'ffffffffffffffff');
    const list = JSON.parse((await listNodes(url)).text);
    const [entry] = list.result.service_node_states;
    assert.equal(entry.pubkey_ed25519, node.ed);
    assert.equal(entry.service_node_pubkey, node.ed);
    assert.equal(entry.pubkey_x25519, node.x);
    assert.equal(entry.public_ip, '127.0.0.2');
    assert.equal(entry.storage_port, 22021);
    assert.equal(entry.swarm, reply.swarm);
  }));

test('announce with a signature by another key is 401', () =>
  withRegistry(async ({ url }) => {
    const res = await post(`${url}/announce`, announceBody(testNode(1), T0, { signWith: testNode(2).secretKey }));
    assert.equal(res.status, 401);
    assert.match(res.text, /signature/);
  }));

test('announce whose signed fields were altered is 401', () =>
  withRegistry(async ({ url }) => {
    const body = announceBody(testNode(1), T0);
    body['storage_port'] = 22022;
    const res = await post(`${url}/announce`, body);
    assert.equal(res.status, 401);
  }));

test('announce with an x25519 key not derived from the ed25519 key is 400 naming pubkey_x25519', () =>
  withRegistry(async ({ url }) => {
    const res = await post(`${url}/announce`, announceBody(testNode(1), T0, { x: testNode(2).x }));
    assert.equal(res.status, 400);
    assert.match(res.text, /pubkey_x25519/);
  }));

test('announce with a timestamp more than 60 s off is 400 naming timestamp', () =>
  withRegistry(async ({ url }) => {
    for (const timestamp of [T0 - 60_001, T0 + 60_001]) {
      const res = await post(`${url}/announce`, announceBody(testNode(1), T0, { timestamp }));
      assert.equal(res.status, 400);
      assert.match(res.text, /timestamp/);
    }
    const ok = await post(`${url}/announce`, announceBody(testNode(1), T0, { timestamp: T0 - 59_000 }));
    assert.equal(ok.status, 200);
  }));

test('an announce older than the node\'s last one is refused', () =>
  withRegistry(async ({ url }) => {
    const node = testNode(1);
    assert.equal((await post(`${url}/announce`, announceBody(node, T0, { timestamp: T0, port: 1000 }))).status, 200);
    const res = await post(`${url}/announce`, announceBody(node, T0, { timestamp: T0 - 1, port: 2000 }));
    assert.equal(res.status, 400);
    assert.match(res.text, /timestamp/);
    const list = JSON.parse((await listNodes(url)).text);
    assert.equal(list.result.service_node_states[0].storage_port, 1000);
  }));

test('malformed announces are 400 naming the field', () =>
  withRegistry(async ({ url }) => {
    const good = announceBody(testNode(1), T0);
    const cases: [unknown, RegExp][] = [
      ['{not json', /body/],
      [[1, 2], /body/],
      [{ ...good, pubkey_ed25519: undefined }, /pubkey_ed25519/],
      [{ ...good, pubkey_ed25519: 'zz'.repeat(32) }, /pubkey_ed25519/],
      [{ ...good, pubkey_ed25519: String(good['pubkey_ed25519']).toUpperCase() }, /pubkey_ed25519/],
      [{ ...good, pubkey_x25519: 'ab' }, /pubkey_x25519/],
      [{ ...good, public_ip: 'localhost' }, /public_ip/],
      [{ ...good, public_ip: '127.0.0.256' }, /public_ip/],
      [{ ...good, public_ip: '0.0.0.0' }, /public_ip/],
      [{ ...good, storage_port: 70_000 }, /storage_port/],
      [{ ...good, storage_port: '22021' }, /storage_port/],
      [{ ...good, storage_port: 1.5 }, /storage_port/],
      [{ ...good, timestamp: String(T0) }, /timestamp/],
      [{ ...good, timestamp: Math.floor(T0 / 1000) }, /timestamp/],
      [{ ...good, signature: '!!!' }, /signature/],
      [{ ...good, signature: 'AAAA' }, /signature/],
      [{ ...good, signature: 12 }, /signature/],
    ];
    for (const [body, field] of cases) {
      const res = await post(`${url}/announce`, body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.status} ${res.text}`);
      assert.match(res.text, field);
    }
    // An all-zero point is not a valid Ed25519 key for the x25519 derivation either.
    const zero = { ...good, pubkey_ed25519: '00'.repeat(32) };
    assert.equal((await post(`${url}/announce`, zero)).status, 400);
  }));

test('bodies over 64 KB are 413; wrong methods 405; unknown paths 404; healthz ok', () =>
  withRegistry(async ({ url }) => {
    const big = JSON.stringify({ ...announceBody(testNode(1), T0), pad: 'x'.repeat(70_000) });
    assert.equal((await post(`${url}/announce`, big)).status, 413);
    assert.equal((await post(`${url}/json_rpc`, big)).status, 413);
    assert.equal((await fetch(`${url}/announce`)).status, 405);
    assert.equal((await fetch(`${url}/nope`)).status, 404);
    const health = await fetch(`${url}/healthz`);
    assert.equal(health.status, 200);
    assert.equal(await health.text(), 'ok');
  }));

test('json_rpc list: oxend shape, raw u64 swarm_id digits equal to the swarm hex, fields filter', () =>
  withRegistry(async ({ url }) => {
    // 16 nodes: enough for two swarms, so a swarm id above 2^53 appears.
    const nodes = Array.from({ length: 16 }, (_, i) => testNode(i));
    for (const [i, n] of nodes.entries()) {
      assert.equal((await post(`${url}/announce`, announceBody(n, T0, { port: 30_000 + i }))).status, 200);
    }
    const raw = await listNodes(url);
    assert.equal(raw.status, 200);
    const reply = JSON.parse(raw.text);
    assert.equal(reply.jsonrpc, '2.0');
    assert.equal(reply.id, 7);
    const r = reply.result;
    assert.equal(r.status, 'OK');
    assert.equal(r.hardfork, 21);
    assert.equal(r.snode_revision, 0);
    assert.equal(r.height, 16);
    assert.equal(r.target_height, r.height);
    assert.match(r.block_hash, /^[0-9a-f]{64}$/);
    assert.equal(r.unchanged, undefined);
    const ids = swarmIdsFromRaw(raw.text);
    assert.equal(ids.size, 16);
    assert.ok([...ids.values()].some((id) => id > 2n ** 53n), 'some swarm id exceeds 2^53');
    assert.ok(!/"swarm_id":"/.test(raw.text), 'swarm_id is not a string');
    const e = r.service_node_states[0];
    assert.deepEqual(Object.keys(e).sort(), [
      'active', 'funded', 'pubkey_ed25519', 'pubkey_x25519', 'public_ip', 'requested_unlock_height',
      'service_node_pubkey', 'storage_lmq_port', 'storage_port', 'storage_server_version', 'swarm', 'swarm_id',
    ]);
    assert.deepEqual(e.storage_server_version, [2, 8, 0]);
    assert.equal(e.active, true);
    assert.equal(e.funded, true);

    const dict = JSON.parse((await listNodes(url, { fields: { pubkey_ed25519: true, swarm: true } })).text).result;
    assert.deepEqual(Object.keys(dict.service_node_states[0]).sort(), ['pubkey_ed25519', 'swarm']);
    assert.equal(dict.height, 16, 'top-level keys are always present');
    const list = JSON.parse((await listNodes(url, { fields: ['all', '-funded', '-swarm_id'] })).text).result;
    assert.equal(list.service_node_states[0].funded, undefined);
    assert.equal(list.service_node_states[0].swarm_id, undefined);
    assert.equal(list.service_node_states[0].active, true);
    const limited = JSON.parse((await listNodes(url, { limit: 3, active_only: true })).text).result;
    assert.equal(limited.service_node_states.length, 3);
    const picked = JSON.parse((await listNodes(url, { service_node_pubkeys: [nodes[3]!.ed] })).text).result;
    assert.deepEqual(picked.service_node_states.map((s: { pubkey_ed25519: string }) => s.pubkey_ed25519), [nodes[3]!.ed]);
    for (const method of ['get_service_nodes', 'get_all_service_nodes']) {
      const res = await post(`${url}/json_rpc`, { jsonrpc: '2.0', id: 'a', method });
      assert.equal(JSON.parse(res.text).result.service_node_states.length, 16, method);
    }
  }));

test('json_rpc: poll_block_hash equal to the current hash answers unchanged without a list', () =>
  withRegistry(async ({ url }) => {
    await post(`${url}/announce`, announceBody(testNode(1), T0));
    const first = JSON.parse((await listNodes(url)).text).result;
    const polled = JSON.parse((await listNodes(url, { poll_block_hash: first.block_hash })).text).result;
    assert.equal(polled.unchanged, true);
    assert.equal(polled.service_node_states, undefined);
    assert.equal(polled.block_hash, first.block_hash);
    assert.equal(polled.height, first.height);
    // Re-announcing the same address is not a change …
    await post(`${url}/announce`, announceBody(testNode(1), T0 + 1));
    assert.equal(JSON.parse((await listNodes(url, { poll_block_hash: first.block_hash })).text).result.unchanged, true);
    // … a new node is.
    await post(`${url}/announce`, announceBody(testNode(2), T0));
    const after = JSON.parse((await listNodes(url, { poll_block_hash: first.block_hash })).text).result;
    assert.equal(after.unchanged, false);
    assert.equal(after.service_node_states.length, 2);
    assert.equal(after.height, first.height + 1);
    assert.notEqual(after.block_hash, first.block_hash);
  }));

test('json_rpc: bad requests are 400 with a JSON-RPC error naming the field', () =>
  withRegistry(async ({ url }) => {
    const cases: [unknown, RegExp, number][] = [
      ['nope', /body/, -32700],
      [{ jsonrpc: '2.0', id: 1, method: 'get_info' }, /method/, -32601],
      [{ jsonrpc: '1.0', id: 1, method: 'get_service_nodes' }, /jsonrpc/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: [] }, /params/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { limit: '5' } }, /params\.limit/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { active_only: 1 } }, /params\.active_only/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { poll_block_hash: 'abc' } }, /params\.poll_block_hash/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { fields: 'all' } }, /params\.fields/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { fields: { swarm: 'yes' } } }, /params\.fields\.swarm/, -32602],
      [{ id: 1, method: 'get_service_nodes', params: { fields: [1] } }, /params\.fields\[0\]/, -32602],
      [{ id: {}, method: 'get_service_nodes' }, /id/, -32602],
    ];
    for (const [body, field, code] of cases) {
      const res = await post(`${url}/json_rpc`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
      const reply = JSON.parse(res.text);
      assert.match(reply.error.message, field);
      assert.equal(reply.error.code, code, JSON.stringify(body));
    }
  }));

test('a node not heard from for expiryMs is dropped; others stay', () =>
  withRegistry(
    async ({ url, clock }) => {
      const [a, b] = [testNode('a'), testNode('b')];
      await post(`${url}/announce`, announceBody(a, clock.now));
      await post(`${url}/announce`, announceBody(b, clock.now));
      const before = JSON.parse((await listNodes(url)).text).result;
      clock.now += 300;
      await post(`${url}/announce`, announceBody(b, clock.now));
      clock.now += 300; // a: 600 ms silent (> 500); b: 300 ms
      await sleep(400); // the expiry timer runs every expiryMs / 4
      const after = JSON.parse((await listNodes(url)).text).result;
      assert.deepEqual(after.service_node_states.map((s: { pubkey_ed25519: string }) => s.pubkey_ed25519), [b.ed]);
      assert.equal(after.height, before.height + 1);
      assert.notEqual(after.block_hash, before.block_hash);
    },
    { expiryMs: 500 },
  ));

test('12 announced nodes are all in swarms of at least 5', () =>
  withRegistry(async ({ url }) => {
    for (let i = 0; i < 12; i++) await post(`${url}/announce`, announceBody(testNode(`s${i}`), T0, { port: 40_000 + i }));
    const ids = swarmIdsFromRaw((await listNodes(url)).text);
    assert.equal(ids.size, 12);
    const sizes = new Map<bigint, number>();
    for (const id of ids.values()) {
      assert.notEqual(id, 2n ** 64n - 1n, 'assigned');
      sizes.set(id, (sizes.get(id) ?? 0) + 1);
    }
    for (const size of sizes.values()) assert.ok(size >= 5, `swarm of ${size}`);
  }));

test('a registry restarted on the same data dir keeps height, block hash and swarm ids', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-registry-'));
  try {
    const first = await startRegistry({ dataDir: dir });
    const nodes = Array.from({ length: 20 }, (_, i) => testNode(`r${i}`));
    for (const [i, n] of nodes.entries()) await post(`${first.url}/announce`, announceBody(n, T0, { port: 41_000 + i }));
    const raw1 = (await listNodes(first.url)).text;
    await first.registry.stop();

    const second = await startRegistry({ dataDir: dir });
    try {
      const raw2 = (await listNodes(second.url)).text;
      assert.deepEqual(swarmIdsFromRaw(raw2), swarmIdsFromRaw(raw1));
      const [r1, r2] = [JSON.parse(raw1).result, JSON.parse(raw2).result];
      assert.equal(r2.height, r1.height);
      assert.equal(r2.block_hash, r1.block_hash);
      assert.ok(new Set(swarmIdsFromRaw(raw1).values()).size >= 2, 'more than one swarm to keep');
      // Nodes re-announcing after the restart change nothing.
      for (const [i, n] of nodes.entries()) await post(`${second.url}/announce`, announceBody(n, T0 + 5, { port: 41_000 + i }));
      const r3 = JSON.parse((await listNodes(second.url)).text).result;
      assert.equal(r3.block_hash, r1.block_hash);
    } finally {
      await second.registry.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
