/**
 * Onion requests over a simulated network (real layer crypto, node-side peeling from core):
 * path rules, recorded traffic, per-hop failure mapping, failure counting, path rebuilding,
 * retries with backoff, destination statuses as data, v4 server requests.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HushError, fromHex, utf8 } from '@hush/core';
import {
  classifyPathStatus,
  createOnionClient,
  keyAfter,
  parseServiceNode,
  retryDelayMs,
  type OnionClient,
  type OnionPath,
  type OnionTarget,
  type ServiceNode,
} from '../src/index.ts';
import { createFakeNetwork, createManualClock, seededRandom, type FakeNetwork, type FakeNetworkOptions } from './fake-network.ts';

interface Setup {
  readonly net: FakeNetwork;
  readonly client: OnionClient;
  readonly clock: ReturnType<typeof createManualClock>;
}

async function setup(o: Partial<FakeNetworkOptions> & { maxAttempts?: number; seed?: string } = {}): Promise<Setup> {
  const net = createFakeNetwork({ count: 8, ...o });
  const clock = createManualClock();
  const client = createOnionClient({
    network: net.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port })),
    transport: net.transport,
    clock,
    random: seededRandom(o.seed ?? 'onion-test'),
    limits: { maxAttempts: o.maxAttempts ?? 4, minPoolForNodeRefresh: 1000 },
  });
  await client.start();
  return { net, client, clock };
}

function nodeOf(client: OnionClient, ed: string): ServiceNode {
  const n = client.nodes().find((x) => x.ed25519 === ed);
  assert.ok(n, 'node in pool');
  return n;
}

/** A destination that is on no current path (or the last node if every node is used). */
function freeDestination(s: Setup): ServiceNode {
  const used = new Set(s.client.paths().flatMap((p) => p.nodes.map((n) => n.ed25519)));
  return s.client.nodes().find((n) => !used.has(n.ed25519)) ?? s.client.nodes().at(-1)!;
}

function expectHushError(code: string, check?: (e: HushError) => void) {
  return (err: unknown) => {
    assert.ok(err instanceof HushError, `expected HushError, got ${String(err)}`);
    assert.equal(err.code, code, err.message);
    check?.(err);
    return true;
  };
}

test('start loads the node list and builds 2 paths of 3 distinct nodes with distinct IPs and distinct guards', async () => {
  const s = await setup();
  assert.equal(s.client.nodes().length, 8);
  const paths = s.client.paths();
  assert.equal(paths.length, 2);
  for (const p of paths) {
    assert.equal(p.nodes.length, 3);
    assert.equal(new Set(p.nodes.map((n) => n.ed25519)).size, 3);
    assert.equal(new Set(p.nodes.map((n) => n.ip)).size, 3);
  }
  assert.notEqual(paths[0]!.nodes[0]!.ed25519, paths[1]!.nodes[0]!.ed25519);
  // Guards were tested with a direct `info` before use.
  const infoTo = s.net.requests.filter((r) => r.path === '/storage_rpc/v1' && Buffer.from(r.body).toString().includes('"info"'));
  const guards = paths.map((p) => `${p.nodes[0]!.ip}:${p.nodes[0]!.port}`);
  for (const g of guards) assert.ok(infoTo.some((r) => `${r.host}:${r.port}` === g), `guard ${g} tested`);
  // The guard test's `t` is a network-time sample.
  assert.ok(s.client.networkTime.sampleCount() >= 2);
});

test('nodes sharing an IP never share a path', async () => {
  const s = await setup({ count: 10, ipOf: (i) => (i < 5 ? '10.9.9.9' : `10.0.${i}.1`) });
  for (const p of s.client.paths()) assert.ok(p.nodes.filter((n) => n.ip === '10.9.9.9').length <= 1, JSON.stringify(p.nodes));
});

test('a storage RPC goes guard → hop 1 → hop 2 → destination, with only the guard contacted directly', async () => {
  const s = await setup();
  const dest = freeDestination(s);
  const before = s.net.requests.length;
  const reply = await s.client.request(dest, { method: 'info', params: {} });
  assert.equal(reply.status, 200);
  assert.deepEqual((reply.json as { version: number[] }).version, [2, 8, 0]);
  const sent = s.net.requests.slice(before);
  assert.equal(sent.length, 1, 'one HTTP request leaves the client');
  assert.equal(sent[0]!.path, '/onion_req/v2');
  const route = s.net.onionRoutes.at(-1)!;
  assert.equal(route.length, 4, 'three hops and the destination opened a layer');
  assert.equal(route[3], dest.ed25519);
  const path = s.client.paths().find((p) => p.nodes[0]!.ip === sent[0]!.host && p.nodes[0]!.port === sent[0]!.port);
  assert.ok(path, 'sent to the guard of a current path');
  assert.deepEqual(route.slice(0, 3), path.nodes.map((n) => n.ed25519));
});

test('every request uses fresh ephemeral keys and nonces', async () => {
  const s = await setup();
  const dest = freeDestination(s);
  await s.client.request(dest, { method: 'info' });
  await s.client.request(dest, { method: 'info' });
  const [a, b] = s.net.onionRequests().slice(-2).map((r) => Buffer.from(r.body));
  const outerJson = (w: Buffer) => JSON.parse(w.subarray(4 + w.readUInt32LE(0)).toString()) as { ephemeral_key: string; enc_type: string };
  assert.notEqual(outerJson(a!).ephemeral_key, outerJson(b!).ephemeral_key);
  assert.equal(outerJson(a!).enc_type, 'xchacha20');
  assert.notDeepEqual(a!.subarray(4, 40), b!.subarray(4, 40), 'different nonce/ciphertext');
});

test('the destination is never on its own path, for every possible destination', async () => {
  const s = await setup({ count: 6 });
  for (const dest of s.client.nodes()) {
    const reply = await s.client.request(dest.ed25519, { method: 'info' });
    assert.equal(reply.status, 200);
    const route = s.net.onionRoutes.at(-1)!;
    assert.equal(route.at(-1), dest.ed25519);
    const hops = route.slice(0, -1);
    assert.equal(hops.length, 3);
    assert.ok(!hops.includes(dest.ed25519), `destination ${dest.ed25519.slice(0, 8)} not a hop`);
    const ips = hops.map((h) => nodeOf(s.client, h).ip);
    assert.ok(!ips.includes(dest.ip));
  }
});

test("the destination's own statuses (421, 406, 401) are returned as data and do not count against the path", async () => {
  const s = await setup();
  const dest = freeDestination(s);
  for (const status of [421, 406, 401]) {
    s.net.onRpc(() => ({ status, body: status === 421 ? { snodes: [], swarm: 'ffffffffffffffff', t: 1_700_000_000_000 } : 'nope' }));
    const reply = await s.client.request(dest, { method: 'retrieve', params: {} });
    assert.equal(reply.status, status);
  }
  assert.ok(s.client.paths().every((p) => p.failures === 0));
  assert.equal(s.net.onionRequests().length, 3, 'no retries');
});

/** Makes a path's hop `index` misbehave; returns that path and its node. */
function breakHop(s: Setup, index: number, how: (ed: string) => void): { pathId: number; node: string } {
  const p = s.client.paths()[0]!;
  const node = p.nodes[index]!.ed25519;
  how(node);
  return { pathId: p.id, node };
}

/** Sends until a request went over path `pathId` (paths are picked at random); its result or error. */
async function sendVia(s: Setup, pathId: number, dest: ServiceNode) {
  for (let i = 0; i < 20; i++) {
    try {
      const r = await s.client.request(dest, { method: 'info' });
      const last = s.net.onionRequests().at(-1)!;
      const path = s.client.paths().find((p) => p.id === pathId);
      if (path === undefined || path.nodes[0]!.ip !== last.host) continue;
      return r;
    } catch (err) {
      return err;
    }
  }
  throw new Error('path never chosen');
}

test('"Next node not found" at hop 1 → HUSH_ERR_ONION_HOP_FAILED {hop: 1, node, status 502}; the node is struck out at once and replaced', async () => {
  const s = await setup({ maxAttempts: 1 });
  const dest = freeDestination(s);
  const { pathId, node } = breakHop(s, 1, (ed) => s.net.gone.add(ed));
  const err = await sendVia(s, pathId, dest);
  assert.ok(err instanceof HushError && err.code === 'HUSH_ERR_ONION_HOP_FAILED', String(err));
  assert.equal(err.details['hop'], 1);
  assert.equal(err.details['node'], node);
  assert.equal(err.details['status'], 502);
  assert.equal(err.details['reason'], 'next-node-not-found');
  assert.ok(!s.client.paths().some((p) => p.nodes.some((n) => n.ed25519 === node)), 'node removed from every path');
  const repaired = s.client.paths().find((p) => p.id === pathId);
  assert.ok(repaired, 'path repaired in place (guard kept)');
  assert.equal(repaired.nodes.length, 3);
  assert.equal(repaired.failures, 1, 'the path also takes a strike');
});

test('a guard that refuses connections → hop 0 "unreachable"; with retries the request succeeds on another path', async () => {
  const s1 = await setup({ maxAttempts: 1 });
  const dest1 = freeDestination(s1);
  const b1 = breakHop(s1, 0, (ed) => s1.net.behaviour.set(ed, 'down'));
  const err = await sendVia(s1, b1.pathId, dest1);
  assert.ok(err instanceof HushError && err.code === 'HUSH_ERR_ONION_HOP_FAILED', String(err));
  assert.deepEqual([err.details['hop'], err.details['node'], err.details['status'], err.details['reason']], [0, b1.node, null, 'unreachable']);

  const s = await setup({ maxAttempts: 4, seed: 'retry' });
  const dest = freeDestination(s);
  const victim = s.client.paths()[0]!;
  s.net.behaviour.set(victim.nodes[0]!.ed25519, 'down');
  for (let i = 0; i < 6; i++) assert.equal((await s.client.request(dest, { method: 'info' })).status, 200);
});

test('504 from the path → reason "timeout", hop unknown; three strikes retire the path and a new one is built', async () => {
  const s = await setup({ maxAttempts: 1, count: 10 });
  const dest = freeDestination(s);
  const { pathId, node } = breakHop(s, 2, (ed) => s.net.behaviour.set(ed, 'slow'));
  let strikes = 0;
  for (let i = 0; i < 40 && s.client.paths().some((p) => p.id === pathId); i++) {
    try {
      await s.client.request(dest, { method: 'info' });
    } catch (err) {
      assert.ok(err instanceof HushError && err.code === 'HUSH_ERR_ONION_HOP_FAILED');
      assert.equal(err.details['reason'], 'timeout');
      assert.equal(err.details['hop'], null);
      assert.equal(err.details['status'], 504, JSON.stringify({ d: err.details, node, paths: s.client.paths() }));
      strikes++;
    }
  }
  assert.equal(strikes, 3, 'retired after exactly 3 failures');
  const paths = s.client.paths();
  assert.ok(!paths.some((p) => p.id === pathId));
  await new Promise((r) => setImmediate(r));
  assert.equal(s.client.paths().length, 2, 'rebuilt to 2 paths');
  assert.ok(!s.client.paths().some((p) => p.nodes.some((n) => n.ed25519 === node)), 'the slow node got a strike from the retired path and is not reused');
});

test('a hop that cannot decrypt → 400 "invalid-ciphertext"; a tampered reply → HUSH_ERR_ONION_BAD_RESPONSE', async () => {
  const s = await setup({ maxAttempts: 1 });
  const dest = freeDestination(s);
  const a = breakHop(s, 1, (ed) => s.net.behaviour.set(ed, 'bad-keys'));
  const err = await sendVia(s, a.pathId, dest);
  assert.ok(err instanceof HushError && err.code === 'HUSH_ERR_ONION_HOP_FAILED', String(err));
  assert.deepEqual([err.details['status'], err.details['reason'], err.details['text']], [400, 'invalid-ciphertext', 'Invalid ciphertext']);
  s.net.behaviour.clear();

  const t = await setup({ maxAttempts: 1, seed: 'tamper' });
  const dest2 = freeDestination(t);
  t.net.behaviour.set(dest2.ed25519, 'tamper');
  await assert.rejects(t.client.request(dest2, { method: 'info' }), expectHushError('HUSH_ERR_ONION_BAD_RESPONSE'));
});

test('destination not found → hop 3, not retried, the destination is struck out', async () => {
  const s = await setup();
  const dest = freeDestination(s);
  s.net.gone.add(dest.ed25519);
  const before = s.net.onionRequests().length;
  await assert.rejects(
    s.client.request(dest, { method: 'info' }),
    expectHushError('HUSH_ERR_ONION_HOP_FAILED', (e) => {
      assert.equal(e.details['hop'], 3);
      assert.equal(e.details['node'], dest.ed25519);
      assert.equal(e.details['reason'], 'destination-not-found');
    }),
  );
  assert.equal(s.net.onionRequests().length - before, 1);
  assert.ok(s.client.paths().every((p) => p.failures === 0), 'paths not blamed');
});

test('retries wait min(max, 100 ms · 2^n) and the last error is thrown', async () => {
  const s = await setup({ maxAttempts: 4 });
  const dest = freeDestination(s);
  s.net.onRpc(() => undefined);
  for (const p of s.client.paths()) s.net.behaviour.set(p.nodes[1]!.ed25519, 'busy');
  s.clock.sleeps.length = 0;
  await assert.rejects(s.client.request(dest, { method: 'info' }), expectHushError('HUSH_ERR_ONION_HOP_FAILED'));
  assert.deepEqual(s.clock.sleeps, [100, 200, 400]);
  assert.deepEqual([0, 1, 2, 3, 4, 5, 10, 40].map((n) => retryDelayMs(n, 100, 3000)), [100, 200, 400, 800, 1600, 3000, 3000, 3000]);
});

test('an aborted request rejects with HUSH_ERR_ABORTED and sends nothing', async () => {
  const s = await setup();
  const before = s.net.requests.length;
  const ac = new AbortController();
  ac.abort();
  await assert.rejects(s.client.request(freeDestination(s), { method: 'info' }, { signal: ac.signal }), expectHushError('HUSH_ERR_ABORTED'));
  assert.equal(s.net.requests.length, before);
});

test('requestServer: v4 framing to /oxen/v4/lsrpc through the path; the server code and body come back', async () => {
  const s = await setup();
  s.net.onServer((req) => ({ code: 201, body: utf8(`got ${req.method} ${req.endpoint} ${Buffer.from(req.body ?? []).toString()}`) }));
  const reply = await s.client.requestServer(
    { host: s.net.server.host, protocol: 'https', x25519: fromHex(s.net.server.x25519, 'x', 32) },
    { method: 'POST', endpoint: '/file', headers: { 'content-type': 'application/octet-stream' }, body: utf8('hello') },
  );
  assert.equal(reply.status, 201);
  assert.equal(Buffer.from(reply.body ?? []).toString(), 'got POST /file hello');
  assert.equal(reply.headers['content-type'], 'text/plain');
  assert.equal(s.net.server.seen.at(-1)!.headers['content-type'], 'application/octet-stream');
  assert.equal(s.net.onionRoutes.at(-1)!.length, 3, 'three hops, then the server');
});

test('the client sends no request bodies larger than the limit', async () => {
  const s = await setup();
  const big = new Uint8Array(10 * 1024 * 1024 + 1);
  await assert.rejects(s.client.request(freeDestination(s), big), expectHushError('HUSH_ERR_TOO_LARGE'));
});

test('stop() cancels path building and closes only a transport the client created', async () => {
  const s = await setup();
  await s.client.stop();
  assert.equal(s.net.transport.closed, 0, 'injected transport is the caller\'s');
  assert.equal(s.clock.pendingTimers(), 0, 'refresh timer cancelled');
});

// ---- classification of hostile / odd path answers (no network) ----

function fakePath(): { path: OnionPath; target: OnionTarget; keys: string[] } {
  const keys = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
  const mk = (k: string, i: number): ServiceNode => ({ ed25519: k, x25519: k, x25519Key: new Uint8Array(32), ip: `10.1.1.${i + 1}`, port: 1000 + i, swarm: 1n });
  const nodes = keys.map(mk);
  return { path: { id: 7, nodes: nodes.slice(0, 3) }, target: { kind: 'node', node: nodes[3]! }, keys };
}

test('classifyPathStatus: hostile or odd bodies never crash and blame sensibly', () => {
  const { path, target, keys } = fakePath();
  const c = (status: number, body: string | Uint8Array) => classifyPathStatus(path, target, status, typeof body === 'string' ? utf8(body) : body, 200);
  assert.deepEqual(c(502, `Next node not found: ${keys[2]!.toUpperCase()}`).blame, { kind: 'node', ed25519: keys[2], force: true, alsoPath: true });
  assert.deepEqual(c(502, `Next node not found: ${keys[3]}`).blame, { kind: 'destination', ed25519: keys[3], force: true });
  assert.equal(c(502, `Next node not found: ${keys[3]}`).retry, false);
  assert.deepEqual(c(502, `Next node not found: ${'e'.repeat(64)}`).blame, { kind: 'path' }, 'a key not on the path blames the path');
  assert.deepEqual(c(502, 'Next node not found: zz').blame, { kind: 'path' });
  assert.deepEqual(c(503, 'Service node is not ready: syncing').blame, { kind: 'node', ed25519: keys[0], force: false, alsoPath: false });
  assert.equal(c(503, 'Server busy, try again later').error.details['reason'], 'busy');
  assert.deepEqual(c(503, `Snode not ready: ${keys[1]}`).blame, { kind: 'node', ed25519: keys[1], force: false, alsoPath: false });
  assert.equal(c(500, new Uint8Array([0xff, 0x00, 0x7b, 0x80])).error.details['text'], '??{?');
  assert.equal(c(418, 'x'.repeat(10_000)).error.details['text'], 'x'.repeat(200));
  assert.equal(keyAfter(`Next node not found: ${keys[0]}0`, 'Next node not found: '), null, '65 hex digits is not a key');
  const server: OnionTarget = { kind: 'server', server: { host: 'h', protocol: 'https', x25519: new Uint8Array(32) } };
  const toServer = classifyPathStatus(path, server, 502, utf8('Failed to connect'), 200);
  assert.deepEqual([toServer.blame, toServer.retry, toServer.error.details['hop']], [{ kind: 'none' }, false, 3]);
});

test('parseServiceNode derives X25519 from Ed25519 and rejects a mismatch', () => {
  const s = createFakeNetwork({ count: 1 });
  const n = s.nodes[0]!;
  const ok = parseServiceNode({ ed25519: n.ed25519, x25519: undefined, ip: n.ip, port: n.port, swarm: '10' });
  assert.equal(ok?.x25519, n.x25519);
  assert.equal(parseServiceNode({ ed25519: n.ed25519, x25519: 'ab'.repeat(32), ip: n.ip, port: n.port, swarm: '10' }), null);
});

test('a refresh asks 3 pool nodes through onion paths (oxend_request) and paths drop nodes that left the list', async () => {
  const net = createFakeNetwork({ count: 9, label: 'refresh' });
  const client = createOnionClient({
    network: net.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port })),
    transport: net.transport,
    clock: createManualClock(),
    random: seededRandom('refresh'),
    limits: { minPoolForNodeRefresh: 5 },
  });
  await client.start();
  const leaving = client.paths()[0]!.nodes[1]!.ed25519;
  const all = net.states();
  net.onRpc((_n, method) => (method === 'oxend_request' ? { status: 200, body: { result: { service_node_states: all.filter((e) => e.pubkey_ed25519 !== leaving) }, t: 1_700_000_000_000 } } : undefined));
  const directBefore = net.requests.filter((r) => r.path === '/storage_rpc/v1').length;
  const from = net.onionRoutes.length;
  await client.refreshNodes();
  const asked = net.onionRoutes.slice(from).map((r) => r.at(-1)!);
  assert.equal(new Set(asked).size, 3, 'three different nodes asked');
  assert.equal(net.requests.filter((r) => r.path === '/storage_rpc/v1').length, directBefore, 'no direct request: all through paths');
  assert.equal(client.nodes().length, 8);
  await client.request(client.nodes().find((n) => !client.paths().some((p) => p.nodes.some((x) => x.ed25519 === n.ed25519)))!, { method: 'info' });
  assert.ok(!client.paths().some((p) => p.nodes.some((n) => n.ed25519 === leaving)), 'the node that left is off every path');
  assert.equal(client.paths().length, 2);
});

test('a bad network option is HUSH_ERR_BAD_CONFIG; a start that finds no nodes fails and leaves nothing running', async () => {
  for (const network of ['', [], [{ ip: '0.0.0.0', port: 1 }], { registry: 'ftp://x' }, 42] as never[]) {
    assert.throws(() => createOnionClient({ network }), expectHushError('HUSH_ERR_BAD_CONFIG'));
  }
  const net = createFakeNetwork({ count: 4, label: 'dead' });
  for (const n of net.nodes) net.behaviour.set(n.ed25519, 'down');
  const clock = createManualClock();
  const client = createOnionClient({ network: [{ ip: net.nodes[0]!.ip, port: net.nodes[0]!.port }], transport: net.transport, clock, random: seededRandom('dead') });
  await assert.rejects(client.start(), expectHushError('HUSH_ERR_NODE_LIST'));
  assert.equal(clock.pendingTimers(), 0);
});

test('too few nodes: 2 cannot make a path; with 3, no path can avoid a node destination → HUSH_ERR_NO_PATH', async () => {
  const two = createFakeNetwork({ count: 2, label: 'two' });
  const c2 = createOnionClient({ network: [{ ip: two.nodes[0]!.ip, port: two.nodes[0]!.port }], transport: two.transport, clock: createManualClock(), random: seededRandom('two') });
  await assert.rejects(c2.start(), expectHushError('HUSH_ERR_NO_PATH'));
  const three = createFakeNetwork({ count: 3, label: 'three' });
  const c3 = createOnionClient({ network: [{ ip: three.nodes[0]!.ip, port: three.nodes[0]!.port }], transport: three.transport, clock: createManualClock(), random: seededRandom('three') });
  await c3.start();
  assert.ok(c3.paths().length >= 1);
  await assert.rejects(c3.request(c3.nodes()[0]!, { method: 'info' }), expectHushError('HUSH_ERR_NO_PATH'));
  assert.equal(three.onionRequests().length, 0, 'nothing sent over a path through the destination');
});
