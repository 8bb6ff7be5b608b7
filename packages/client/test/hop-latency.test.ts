/**
 * Per-hop latency of onion paths: the figures from prefix medians (cumulative, own share, never a
 * negative share), the bounded rolling store (window, path count, repaired hops, gone paths), who
 * a failed prefix probe counts against, and the prefix probes themselves over the simulated
 * network (what each node sees, the round trips per hop, failures striking the hop and not the
 * path), and the idle loop's bounds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { HushError } from '@hush/core';
import { createHopLatency, createOnionClient, hopFigures, prefixProbeStrike, type OnionClient, type OnionPath, type ServiceNode, type Transport } from '../src/index.ts';
import { pathSignature, pathsToProbe, startPathProbe } from '../src/messenger/path-probe.ts';
import { createFakeNetwork, createManualClock, seededRandom, type FakeNetwork } from './fake-network.ts';

test('hopFigures: cumulative round trip per hop and each hop’s own share', () => {
  assert.deepEqual(hopFigures([5, 8, 15]), [
    { latencyMs: 5, hopMs: 5 },
    { latencyMs: 8, hopMs: 3 },
    { latencyMs: 15, hopMs: 7 },
  ]);
  assert.deepEqual(hopFigures([]), []);
});

test('hopFigures: a longer prefix measured faster is held at the earlier figure (share 0), never a negative share', () => {
  assert.deepEqual(hopFigures([6, 4, 9]), [
    { latencyMs: 6, hopMs: 6 },
    { latencyMs: 6, hopMs: 0 },
    { latencyMs: 9, hopMs: 3 },
  ]);
  for (const medians of [[3, 1, 2], [0, 0, 0], [10, 2, 1], [1.5, 1.25, 7]]) {
    const f = hopFigures(medians);
    for (let i = 1; i < f.length; i++) assert.ok(f[i]!.latencyMs! >= f[i - 1]!.latencyMs!, `non-decreasing: ${JSON.stringify(f)}`);
    for (const x of f) assert.ok(x.hopMs! >= 0);
  }
});

test('hopFigures: an unmeasured hop has null figures, and so has the share of the hop after it', () => {
  assert.deepEqual(hopFigures([null, null, null]), [
    { latencyMs: null, hopMs: null },
    { latencyMs: null, hopMs: null },
    { latencyMs: null, hopMs: null },
  ]);
  assert.deepEqual(hopFigures([4, null, 9]), [
    { latencyMs: 4, hopMs: 4 },
    { latencyMs: null, hopMs: null },
    { latencyMs: 9, hopMs: null },
  ]);
  assert.deepEqual(hopFigures([7, null, 5]), [
    { latencyMs: 7, hopMs: 7 },
    { latencyMs: null, hopMs: null },
    { latencyMs: 7, hopMs: null },
  ], 'still never below an earlier hop');
});

const KEYS = ['g', 'm', 'x'];

test('hop latency store: the median of the last `keep` round trips per (path, hop)', () => {
  const store = createHopLatency({ keep: 3, maxPaths: 4, maxHops: 3 });
  assert.deepEqual(store.medians(1, KEYS), [null, null, null]);
  for (const ms of [100, 1, 2, 3]) store.record(1, ['g'], ms); // 100 falls out of the window
  store.record(1, ['g', 'm'], 9);
  assert.deepEqual(store.medians(1, KEYS), [2, 9, null]);
  assert.deepEqual(store.medians(2, KEYS), [null, null, null], 'another path has its own figures');
  store.record(1, ['g', 'm', 'x', 'y'], 5); // a 4th hop is beyond maxHops: ignored
  store.record(1, ['g'], Number.NaN);
  store.record(1, ['g'], -1);
  assert.deepEqual(store.medians(1, KEYS), [2, 9, null]);
});

test('hop latency store: a repaired hop drops its samples and those of every hop after it; gone paths are forgotten', () => {
  const store = createHopLatency({ keep: 10, maxPaths: 4, maxHops: 3 });
  store.record(1, ['g'], 2);
  store.record(1, ['g', 'm'], 4);
  store.record(1, ['g', 'm', 'x'], 6);
  assert.deepEqual(store.medians(1, ['g', 'm2', 'x']), [2, null, null], 'read against the repaired path: only the guard still holds');
  store.record(1, ['g', 'm2'], 5); // a sample through the new middle replaces the old middle's and the exit's
  assert.deepEqual(store.medians(1, ['g', 'm', 'x']), [2, null, null]);
  assert.deepEqual(store.medians(1, ['g', 'm2', 'x']), [2, 5, null]);
  store.record(2, ['h'], 3);
  store.retain([{ id: 2, nodes: ['h', 'n', 'y'] }]);
  assert.equal(store.size(), 1, 'path 1 is gone');
  assert.deepEqual(store.medians(1, ['g', 'm2', 'x']), [null, null, null]);
  store.retain([{ id: 2, nodes: ['h2', 'n', 'y'] }]);
  assert.deepEqual(store.medians(2, ['h', 'n', 'y']), [null, null, null], 'a new guard: nothing of the old path holds');
});

test('hop latency store: at most maxPaths paths (the oldest goes)', () => {
  const store = createHopLatency({ keep: 2, maxPaths: 3, maxHops: 3 });
  for (let id = 1; id <= 10; id++) store.record(id, ['g'], id);
  assert.equal(store.size(), 3);
  assert.deepEqual(store.medians(7, KEYS), [null, null, null]);
  assert.deepEqual(store.medians(10, KEYS), [10, null, null]);
});

test('prefixProbeStrike: a failed prefix probe counts against the probed hop, or the node a reply names; never the path', () => {
  const node = (ed25519: string) => ({ ed25519 }) as ServiceNode;
  const path: OnionPath = { id: 1, nodes: [node('g'), node('m'), node('x')] };
  assert.deepEqual(prefixProbeStrike(path, 1, { kind: 'path' }), { ed25519: 'm', force: false });
  assert.deepEqual(prefixProbeStrike(path, 2, { kind: 'destination', ed25519: 'x', force: true }), { ed25519: 'x', force: true });
  assert.deepEqual(prefixProbeStrike(path, 2, { kind: 'node', ed25519: 'g', force: false, alsoPath: true }), { ed25519: 'g', force: false });
  assert.equal(prefixProbeStrike(path, 0, { kind: 'none' }), null);
  assert.equal(prefixProbeStrike(path, 3, { kind: 'path' }), null);
});

interface Probed {
  readonly net: FakeNetwork;
  readonly client: OnionClient;
  readonly clock: ReturnType<typeof createManualClock>;
}

/** A client over the simulated network whose transport takes `delays[node]` ms per layer a node opens. */
async function probed(seed: string, delays: (ed: string) => number = () => 0, limits: Record<string, number> = {}): Promise<Probed> {
  const net = createFakeNetwork({ count: 9, label: seed });
  const clock = createManualClock();
  const transport: Transport = {
    async request(req) {
      const before = net.onionRoutes.length;
      try {
        return await net.transport.request(req);
      } finally {
        const route = net.onionRoutes.length > before ? (net.onionRoutes.at(-1) ?? []) : [];
        clock.tick(route.reduce((sum, ed) => sum + delays(ed), 0));
      }
    },
    close: () => undefined,
  };
  const client = createOnionClient({
    network: net.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port })),
    transport,
    clock,
    random: seededRandom(seed),
    limits: { minPoolForNodeRefresh: 1000, ...limits },
  });
  await client.start();
  return { net, client, clock };
}

test('probeHops: info to the guard directly, then to the middle through the guard, then to the exit through both; figures per hop', async () => {
  const role = new Map<string, number>();
  const s = await probed('prefix', (ed) => role.get(ed) ?? 0);
  const path = s.client.paths()[0]!;
  const [g, m, x] = path.nodes.map((n) => n.ed25519) as [string, string, string];
  role.set(g, 5).set(m, 3).set(x, 7);
  assert.deepEqual(s.client.hopLatency(path.id).map((h) => h.latencyMs), [null, null, null], 'nothing before a probe');
  const before = s.net.requests.length;
  assert.deepEqual(await s.client.probeHops(path.id), { measured: 3, failedHop: null });
  const sent = s.net.requests.slice(before);
  assert.equal(sent.length, 3);
  assert.ok(sent.every((r) => r.path === '/onion_req/v2' && r.host === path.nodes[0]!.ip), 'every probe enters at the guard, nobody else hears from us');
  assert.deepEqual(s.net.onionRoutes.slice(-3), [[g], [g, m], [g, m, x]], 'each node opened the layers of the prefixes it is on, nothing more');
  assert.deepEqual(s.client.hopLatency(path.id), [
    { latencyMs: 5, hopMs: 5 },
    { latencyMs: 8, hopMs: 3 },
    { latencyMs: 15, hopMs: 7 },
  ]);
  assert.deepEqual(s.client.hopLatency(9999), [], 'an unknown path has no hops');
  assert.deepEqual(await s.client.probeHops(9999), { measured: 0, failedHop: null });
});

test('probeHops: a middle that times out takes one strike per probe (the path none) and leaves the path after 3; the data of a replaced hop is gone', async () => {
  const s = await probed('prefix-down');
  const path = s.client.paths()[0]!;
  const middle = path.nodes[1]!.ed25519;
  await s.client.probeHops(path.id);
  s.net.behaviour.set(middle, 'slow'); // the guard answers 504 "Request time out" for it
  for (let round = 1; round <= 3; round++) {
    assert.deepEqual(await s.client.probeHops(path.id), { measured: 1, failedHop: 1 });
    const now = s.client.paths().find((p) => p.id === path.id);
    assert.ok(now, 'the path is kept');
    assert.equal(now.failures, 0, 'a prefix probe never strikes the path');
    assert.equal(now.nodes.some((n) => n.ed25519 === middle), round < 3, `round ${round}`);
  }
  const figures = s.client.hopLatency(path.id);
  assert.notEqual(figures[0]!.latencyMs, null, 'the guard is unchanged: its figure holds');
  assert.deepEqual([figures[1]!.latencyMs, figures[2]!.latencyMs], [null, null], 'the new middle, and the exit behind it, are not measured yet');
});

test('probeHops: an exit the middle cannot find is struck out at once and replaced; a guard that refuses us takes a strike', async () => {
  const s = await probed('prefix-gone');
  const path = s.client.paths()[0]!;
  const exit = path.nodes[2]!.ed25519;
  s.net.gone.add(exit);
  assert.deepEqual(await s.client.probeHops(path.id), { measured: 2, failedHop: 2 });
  const repaired = s.client.paths().find((p) => p.id === path.id)!;
  assert.ok(!repaired.nodes.some((n) => n.ed25519 === exit), 'replaced');
  assert.equal(repaired.failures, 0);

  const other = s.client.paths().find((p) => p.id !== path.id)!;
  s.net.behaviour.set(other.nodes[0]!.ed25519, 'down');
  assert.deepEqual(await s.client.probeHops(other.id), { measured: 0, failedHop: 0 });
  await s.client.probeHops(other.id);
  await s.client.probeHops(other.id);
  assert.ok(!s.client.paths().some((p) => p.id === other.id), 'a guard struck out retires its path (the existing rule)');
});

test('probeHops: an abort rejects with HUSH_ERR_ABORTED and counts against nobody', async () => {
  const s = await probed('prefix-abort');
  const path = s.client.paths()[0]!;
  await assert.rejects(s.client.probeHops(path.id, AbortSignal.abort()), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_ABORTED');
  assert.deepEqual(s.client.paths(), s.client.paths().map((p) => ({ ...p, failures: 0 })));
});

test('pathsToProbe: every path on a full round, else those probed fewer than `firstRounds` times; at most `max`', () => {
  const info = (id: number, keys: string[]) => ({ id, failures: 0, nodes: keys.map((ed25519) => ({ ed25519, ip: '10.0.0.1', port: 1 })) });
  const a = info(1, ['g', 'm', 'x']);
  const b = info(2, ['h', 'n', 'y']);
  const c = info(3, ['i', 'o', 'z']);
  const rounds = new Map([[pathSignature(a), 3], [pathSignature(info(2, ['h', 'OLD', 'y'])), 3], [pathSignature(c), 2]]);
  assert.deepEqual(pathsToProbe([a, b, c], rounds, true, 4, 3), [a, b, c]);
  assert.deepEqual(pathsToProbe([a, b, c], rounds, false, 4, 3), [b, c], 'path 2 was repaired since its probes; path 3 is still new');
  assert.deepEqual(pathsToProbe([a, b, c], rounds, false, 4, 2), [b]);
  assert.deepEqual(pathsToProbe([a, b], new Map(), true, 1, 3), [a]);
  assert.deepEqual(pathsToProbe([a, b], new Map(), true, 0, 3), []);
});

test('the idle loop: a round of info and prefix probes at once, new paths again at the next checks, then only repaired paths until the next round', async () => {
  const s = await probed('loop');
  const onion = () => s.net.onionRequests().length;
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const check = async () => {
    s.clock.tick(5_000);
    await settle();
  };
  const start = onion();
  const stop = startPathProbe({ onion: s.client, clock: s.clock, random: seededRandom('loop-probe'), intervalMs: 60_000, probes: 2, hopCheckMs: 5_000, hopPaths: 4, hopFirstRounds: 3 });
  await settle();
  assert.equal(onion() - start, 2 + 2 * 3, 'first round: 2 info probes, then 3 prefix probes for each of the 2 paths');
  for (const p of s.client.paths()) for (const h of s.client.hopLatency(p.id)) assert.notEqual(h.latencyMs, null);
  await check();
  await check();
  assert.equal(onion() - start, 8 + 2 * 2 * 3, 'the new paths are probed at the next two checks (3 rounds each)');
  await check();
  assert.equal(onion() - start, 20, 'then nothing between rounds');

  const path = s.client.paths()[0]!;
  s.net.gone.add(path.nodes[2]!.ed25519);
  assert.equal((await s.client.probeHops(path.id)).failedHop, 2); // the exit is replaced
  const repairedAt = onion();
  for (let i = 0; i < 4; i++) await check();
  assert.equal(onion() - repairedAt, 3 * 3, 'the repaired path alone is probed, 3 rounds');
  assert.ok(s.client.paths().every((p) => s.client.hopLatency(p.id).every((h) => h.latencyMs !== null)), 'every hop measured again');

  const beforeRound = onion();
  s.clock.tick(60_000);
  await settle();
  assert.equal(onion() - beforeRound, 8, 'the next full round');
  stop();
  s.clock.tick(60_000);
  await settle();
  assert.equal(onion() - beforeRound, 8, 'nothing after stop');
});

test('the idle loop: a new path whose prefix probe failed is not probed again until the next round', async () => {
  const s = await probed('loop-failing');
  const good = s.client.paths()[0]!;
  const bad = s.client.paths()[1]!;
  s.net.behaviour.set(bad.nodes[1]!.ed25519, 'slow'); // its middle times out
  const start = s.net.onionRequests().length;
  const stop = startPathProbe({ onion: s.client, clock: s.clock, random: seededRandom('loop-failing'), intervalMs: 60_000, probes: 0, hopCheckMs: 5_000, hopPaths: 4, hopFirstRounds: 3 });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  await settle();
  assert.equal(s.net.onionRequests().length - start, 3 + 2, 'all 3 prefixes of the good path; the guard of the other, then its middle fails');
  for (let i = 0; i < 3; i++) {
    s.clock.tick(5_000);
    await settle();
  }
  assert.equal(s.net.onionRequests().length - start, 5 + 2 * 3, 'only the good path was probed again');
  assert.ok(s.client.paths().some((p) => p.id === bad.id && p.nodes.some((n) => n.ed25519 === bad.nodes[1]!.ed25519)), 'one strike: the middle is still on its path');
  assert.ok(s.client.hopLatency(good.id).every((h) => h.latencyMs !== null));
  stop();
});
