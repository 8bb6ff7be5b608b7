/**
 * The node list: hostile entries, the three sources (registry, devnet.json, seed nodes via
 * oxend_request), intersection, refresh on a timer and on demand, failure thresholds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HushError, formatSwarmId, utf8 } from '@hush/core';
import {
  createDevnetFileSource,
  createNodeHttpTransport,
  createNodePool,
  createRegistrySource,
  createSeedNodesSource,
  intersectNodeLists,
  parseServiceNodeStates,
  silentClientLogger,
  type NodeSource,
  type ServiceNode,
  type Transport,
} from '../src/index.ts';
import { createFakeNetwork, createManualClock, seededRandom } from './fake-network.ts';

const net = createFakeNetwork({ count: 6, label: 'pool' });
const good = net.states();

test('parseServiceNodeStates keeps good entries and skips every hostile one', () => {
  const [a, b, c, d, e, f] = good;
  const hostile: unknown[] = [
    a,
    null,
    'node',
    42,
    [a],
    { ...b, pubkey_ed25519: 'zz'.repeat(32) },
    { ...b, pubkey_ed25519: b!.pubkey_ed25519.slice(2) },
    { ...b, public_ip: '0.0.0.0' },
    { ...b, public_ip: '256.1.1.1' },
    { ...b, public_ip: '01.2.3.4' },
    { ...b, public_ip: '1.2.3' },
    { ...b, public_ip: ' 1.2.3.4' },
    { ...b, storage_port: 0 },
    { ...b, storage_port: 70000 },
    { ...b, storage_port: 1.5 },
    { ...b, storage_port: 'https' },
    { ...b, pubkey_x25519: c!.pubkey_x25519 }, // keys that do not belong together
    { ...b, swarm: 'not hex' },
    { ...b, swarm: '1'.repeat(17) },
    { ...b, funded: false },
    { ...b, active: false },
    { ...b, pubkey_ed25519: 'ff'.repeat(32), pubkey_x25519: undefined }, // not a curve point
    { ...a, public_ip: '10.10.10.10' }, // duplicate key
    { ...c, pubkey_ed25519: d!.pubkey_ed25519, pubkey_x25519: d!.pubkey_x25519, public_ip: a!.public_ip, storage_port: a!.storage_port }, // duplicate address
    JSON.parse('{"__proto__": {"polluted": true}}'),
    b,
    { ...c, swarm: undefined, swarm_id: 12345 }, // safe integer swarm_id accepted
    { ...d, swarm: 'fffffffffffffffe', swarm_id: 18446744073709551614 }, // hex wins over the imprecise number
    { ...e, swarm: undefined, swarm_id: 18446744073709551614 }, // unsafe number alone: rejected
    { ...f, swarm: undefined }, // no swarm: not in a swarm
  ];
  const parsed = parseServiceNodeStates(hostile, 1000);
  assert.deepEqual(parsed.nodes.map((n) => n.ed25519), [a, b, c, d, f].map((x) => x!.pubkey_ed25519));
  assert.equal(parsed.skipped, hostile.length - 5);
  const swarms = parsed.nodes.map((n) => n.swarm);
  assert.deepEqual(swarms, [net.nodes[0]!.swarm, net.nodes[1]!.swarm, 12345n, 0xfffffffffffffffen, (1n << 64n) - 1n]);
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.deepEqual(parseServiceNodeStates({ length: 3 }, 10), { nodes: [], skipped: 0 });
  assert.equal(parseServiceNodeStates(good, 2).nodes.length, 2, 'at most `max` entries');
  assert.equal(parseServiceNodeStates(good, 2).skipped, 4);
});

function recordingTransport(answer: (path: string, body: string) => { status: number; body: string }) {
  const seen: { host: string; port: number; path: string; body: string }[] = [];
  const transport: Transport = {
    async request(req) {
      const body = Buffer.from(req.body).toString();
      seen.push({ host: req.endpoint.host, port: req.endpoint.port, path: req.path, body });
      const a = answer(req.path, body);
      return { status: a.status, body: utf8(a.body) };
    },
    close() {},
  };
  return { transport, seen };
}

const limits = { timeoutMs: 1000, maxBytes: 1 << 20, maxNodes: 1000 };

test('registry source: POST /json_rpc get_n_service_nodes asking for the hex swarm field', async () => {
  const { transport, seen } = recordingTransport(() => ({ status: 200, body: JSON.stringify({ jsonrpc: '2.0', id: 1, result: { height: 3, service_node_states: good } }) }));
  const src = createRegistrySource({ url: 'http://127.0.0.1:21100/', transport, ...limits });
  const nodes = await src.fetch(new AbortController().signal);
  assert.equal(nodes.length, 6);
  assert.deepEqual([seen[0]!.host, seen[0]!.port, seen[0]!.path], ['127.0.0.1', 21100, '/json_rpc']);
  const rpc = JSON.parse(seen[0]!.body);
  assert.equal(rpc.method, 'get_n_service_nodes');
  assert.equal(rpc.params.active_only, true);
  assert.equal(rpc.params.fields.swarm, true);
  assert.equal(rpc.params.fields.swarm_id, undefined);
});

test('registry source: errors are typed', async () => {
  const signal = new AbortController().signal;
  const fails = (status: number, body: string) => createRegistrySource({ url: 'http://r:1', transport: recordingTransport(() => ({ status, body })).transport, ...limits }).fetch(signal);
  await assert.rejects(fails(500, 'boom'), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_NODE_LIST');
  await assert.rejects(fails(200, 'not json'), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_JSON');
  await assert.rejects(fails(200, '{"result": {"service_node_states": 5}}'), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_JSON');
  assert.throws(() => createRegistrySource({ url: 'ftp://x', transport: recordingTransport(() => ({ status: 200, body: '' })).transport, ...limits }), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_CONFIG');
});

async function listen(server: Server): Promise<number> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  return typeof addr === 'object' && addr !== null ? addr.port : 0;
}

test('registry source over real HTTP: swarm_id as raw u64 digits does not confuse the parser', async () => {
  const entry = good[0]!;
  const raw = `{"jsonrpc":"2.0","id":1,"result":{"service_node_states":[${JSON.stringify({ ...entry, swarm: 'fffffffffffffffe' }).slice(0, -1)},"swarm_id":18446744073709551614}]}}`;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.end(raw));
  });
  const port = await listen(server);
  const transport = createNodeHttpTransport();
  try {
    const nodes = await createRegistrySource({ url: `http://127.0.0.1:${port}`, transport, ...limits }).fetch(new AbortController().signal);
    assert.equal(nodes.length, 1);
    assert.equal(formatSwarmId(nodes[0]!.swarm), 'fffffffffffffffe');
  } finally {
    transport.close();
    server.close();
  }
});

test('devnet.json source: the registry it names first, its own list when the registry is down', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-client-'));
  try {
    const fileNodes = net.nodes.slice(0, 3).map((n) => ({ pubkey_ed25519: n.ed25519, pubkey_x25519: n.x25519, ip: n.ip, port: n.port, swarm_id: formatSwarmId(n.swarm) }));
    const path = join(dir, 'devnet.json');
    writeFileSync(path, JSON.stringify({ registry: 'http://127.0.0.1:9', nodes: [...fileNodes, { pubkey_ed25519: 'bad' }] }));
    let registryUp = false;
    const { transport } = recordingTransport(() => {
      if (!registryUp) throw new HushError('HUSH_ERR_NETWORK', 'refused', { details: {} });
      return { status: 200, body: JSON.stringify({ result: { service_node_states: good } }) };
    });
    const src = createDevnetFileSource({ path, transport, ...limits });
    assert.equal((await src.fetch(new AbortController().signal)).length, 3);
    registryUp = true;
    assert.equal((await src.fetch(new AbortController().signal)).length, 6);
    await assert.rejects(createDevnetFileSource({ path: join(dir, 'missing.json'), transport, ...limits }).fetch(new AbortController().signal), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_CONFIG');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('seed nodes: oxend_request get_service_nodes to several seeds, answers intersected; a lying seed adds nothing', async () => {
  const liar = createFakeNetwork({ count: 1, label: 'liar' }).states()[0]!;
  const { transport, seen } = recordingTransport((_path, body) => {
    assert.equal(JSON.parse(body).method, 'oxend_request');
    const host = seen.at(-1)!.host;
    if (host === '10.0.0.1') return { status: 200, body: JSON.stringify({ result: { service_node_states: [...good, liar] }, t: 1 }) };
    if (host === '10.0.1.1') throw new HushError('HUSH_ERR_NETWORK', 'down', { details: {} });
    return { status: 200, body: JSON.stringify({ result: { service_node_states: good.slice(0, 5) }, t: 1 }) };
  });
  const seeds = net.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port }));
  const src = createSeedNodesSource({ seeds, transport, random: seededRandom('seeds'), count: 3, ...limits });
  const nodes = await src.fetch(new AbortController().signal);
  assert.equal(seen.length, 3);
  assert.ok(seen.every((r) => r.path === '/storage_rpc/v1'));
  assert.deepEqual(nodes.map((n) => n.ed25519).sort(), good.slice(0, 5).map((g) => g.pubkey_ed25519).sort());
  const dead = recordingTransport(() => {
    throw new HushError('HUSH_ERR_NETWORK', 'down', { details: {} });
  });
  await assert.rejects(createSeedNodesSource({ seeds, transport: dead.transport, random: seededRandom('s'), count: 3, ...limits }).fetch(new AbortController().signal), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_NODE_LIST');
});

test('intersectNodeLists keeps only entries every list agrees on (key, address and swarm)', () => {
  const all = parseServiceNodeStates(good, 100).nodes;
  const moved: ServiceNode[] = all.map((n, i) => (i === 0 ? { ...n, swarm: 99n } : n));
  assert.equal(intersectNodeLists([all, all, all]).length, 6);
  assert.equal(intersectNodeLists([all, moved]).length, 5);
  assert.equal(intersectNodeLists([all, all.slice(2)]).length, 4);
  assert.deepEqual(intersectNodeLists([]), []);
});

function countingSource(lists: ServiceNode[][]) {
  let calls = 0;
  const source: NodeSource = {
    name: 'test seed',
    async fetch() {
      const list = lists[Math.min(calls, lists.length - 1)]!;
      calls++;
      await new Promise((r) => setImmediate(r));
      return list;
    },
  };
  return { source, calls: () => calls };
}

const poolLimits = { nodeRefreshIntervalMs: 60_000, minPoolForNodeRefresh: 4, refreshNodeCount: 3, nodeFailureThreshold: 3, nodeListTimeoutMs: 1000 };

test('node pool: start loads the seed list; refresh on a timer asks 3 pool nodes and keeps what they all list', async () => {
  const all = parseServiceNodeStates(good, 100).nodes;
  const seed = countingSource([all]);
  const clock = createManualClock();
  const asked: string[] = [];
  const fetchFromNode = async (n: ServiceNode) => {
    asked.push(n.ed25519);
    return asked.length === 1 ? all : all.slice(0, 5);
  };
  const pool = createNodePool({ source: seed.source, clock, random: seededRandom('p'), logger: silentClientLogger, limits: poolLimits, fetchFromNode });
  await pool.start();
  assert.equal(pool.all().length, 6);
  assert.equal(seed.calls(), 1);
  clock.tick(60_000);
  await new Promise((r) => setTimeout(r, 10));
  assert.equal(new Set(asked).size, 3, 'three distinct pool nodes asked');
  assert.equal(pool.all().length, 5, 'the intersection');
  assert.equal(seed.calls(), 1, 'the seed was not needed');
  assert.equal(clock.pendingTimers(), 1, 'the next refresh is scheduled');
  pool.stop();
  assert.equal(clock.pendingTimers(), 0);
});

test('node pool: disagreeing or too few node answers fall back to the seed; concurrent refreshes share one run', async () => {
  const all = parseServiceNodeStates(good, 100).nodes;
  const seed = countingSource([all, all.slice(0, 4)]);
  const pool = createNodePool({
    source: seed.source,
    clock: createManualClock(),
    random: seededRandom('q'),
    logger: silentClientLogger,
    limits: poolLimits,
    fetchFromNode: async (n) => all.filter((x) => x.ed25519 !== n.ed25519), // each leaves itself out: intersection of 3 = 3 < 4
  });
  await pool.start();
  await Promise.all([pool.refresh(), pool.refresh(), pool.refresh()]);
  assert.equal(seed.calls(), 2, 'one shared refresh, from the seed');
  assert.equal(pool.all().length, 4);
  const v = pool.version();
  await pool.refresh({ fromSeed: true });
  assert.equal(pool.version(), v + 1);
  pool.stop();
});

test('node pool: 3 failures (or one forced) strike a node out; unknown keys are ignored; a refresh forgives', async () => {
  const all = parseServiceNodeStates(good, 100).nodes;
  const pool = createNodePool({ source: countingSource([all]).source, clock: createManualClock(), random: seededRandom('r'), logger: silentClientLogger, limits: poolLimits });
  await pool.start();
  const [x, y] = [all[0]!.ed25519, all[1]!.ed25519];
  assert.equal(pool.recordFailure(x), false);
  assert.equal(pool.recordFailure(x), false);
  assert.equal(pool.recordFailure(x), true);
  assert.equal(pool.recordFailure(y, true), true);
  assert.equal(pool.usable().length, 4);
  assert.equal(pool.recordFailure('ab'.repeat(32), true), false);
  await pool.refresh();
  assert.equal(pool.usable().length, 6);
  pool.stop();
});

test('node pool: an empty list is an error, and start can be aborted', async () => {
  const pool = createNodePool({ source: countingSource([[]]).source, clock: createManualClock(), random: seededRandom('e'), logger: silentClientLogger, limits: poolLimits });
  await assert.rejects(pool.start(), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_NODE_LIST');
  const slow: NodeSource = { name: 'slow', fetch: () => new Promise(() => {}) };
  const p2 = createNodePool({ source: slow, clock: createManualClock(), random: seededRandom('e'), logger: silentClientLogger, limits: poolLimits });
  const ac = new AbortController();
  const started = p2.start(ac.signal);
  ac.abort();
  await assert.rejects(started, (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_ABORTED');
  p2.stop();
});
