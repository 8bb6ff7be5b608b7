/** Swarm resolution (ring rule, get_swarm) and the 421 flow; network time from the nodes' `t`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HushError, blake2b, edPkToCurve, signSeedKeypair, toHex, utf8 } from '@hush/core';
import { createNetworkTime, createOnionClient, swarmAmong, type OnionClient, type ServiceNode } from '../src/index.ts';
import { createFakeNetwork, createManualClock, seededRandom, type FakeNetwork } from './fake-network.ts';

const VECTORS = JSON.parse(readFileSync(new URL('../../../../shared/vectors/session-network-vectors.json', import.meta.url), 'utf8')) as {
  vectors: { name: string; inputs?: { swarm_ids: string[] }; expected?: { pubkey: string; swarm: string }[] }[];
};

test('swarmAmong follows the storage server ring rule (vector swarm_selection.get_swarm_by_pk)', () => {
  const v = VECTORS.vectors.find((x) => x.name === 'swarm_selection.get_swarm_by_pk')!;
  const ids = v.inputs!.swarm_ids.map(BigInt);
  const nodes = ids.map((id, i) => ({ ed25519: String(i).padStart(64, '0'), swarm: id }) as unknown as ServiceNode);
  const invalid = { ed25519: 'f'.repeat(64), swarm: (1n << 64n) - 1n } as unknown as ServiceNode;
  for (const e of v.expected!) {
    const swarm = swarmAmong([...nodes, invalid], e.pubkey);
    assert.equal(swarm.id, BigInt(e.swarm), e.pubkey);
    assert.equal(swarm.members.length, 1);
  }
  assert.throws(() => swarmAmong(nodes, '05abc'), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_ARGUMENT');
  assert.throws(() => swarmAmong([invalid], `05${'0'.repeat(64)}`), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_NO_SWARMS');
});

function account(label: string): string {
  return `05${toHex(edPkToCurve(signSeedKeypair(blake2b(32, utf8(label))).publicKey))}`;
}

async function setup(label: string, nodeTime?: () => number): Promise<{ net: FakeNetwork; client: OnionClient; clock: ReturnType<typeof createManualClock> }> {
  const net = createFakeNetwork({ count: 8, label, ...(nodeTime === undefined ? {} : { nodeTime }) });
  const clock = createManualClock();
  const client = createOnionClient({
    network: net.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port })),
    transport: net.transport,
    clock,
    random: seededRandom(label),
    limits: { minPoolForNodeRefresh: 1000 },
  });
  await client.start();
  return { net, client, clock };
}

const destinations = (net: FakeNetwork, from: number): string[] => net.onionRoutes.slice(from).map((r) => r.at(-1)!);

test('a stored message goes to a member of the computed swarm and is retrieved from it', async () => {
  const { net, client } = await setup('swarm-a');
  const pk = account('alice');
  const swarm = client.swarmFor(pk);
  assert.deepEqual(swarm, { id: net.swarmJson(pk).id, members: client.nodes().filter((n) => n.swarm === swarm.id) });
  const stored = await client.requestSwarm(pk, { method: 'store', params: { pubkey: pk, data: 'aGVsbG8=' } });
  assert.equal(stored.reply.status, 200);
  assert.ok(swarm.members.some((m) => m.ed25519 === stored.node.ed25519));
  const got = await client.requestSwarm(pk, { method: 'retrieve', params: { pubkey: pk } });
  assert.equal(got.reply.status, 200);
  assert.deepEqual((got.reply.json as { messages: { data: string }[] }).messages.map((m) => m.data), ['aGVsbG8=']);
});

test('421 flow: another member, then a node-list refresh and a recomputed swarm, then success', async () => {
  const { net, client } = await setup('swarm-b');
  const pk = account('bob');
  const stale = client.swarmFor(pk);
  for (const n of net.nodes) n.swarm = n.swarm === 0x1000n ? 0x8000000000000000n : 0x1000n; // members swap swarms
  const oxendBefore = net.requests.filter((r) => Buffer.from(r.body).toString().includes('oxend_request')).length;
  const from = net.onionRoutes.length;
  const res = await client.requestSwarm(pk, { method: 'store', params: { pubkey: pk, data: 'eA==' } });
  assert.equal(res.reply.status, 200);
  const [first, second, third, ...rest] = destinations(net, from);
  assert.equal(rest.length, 0);
  assert.ok(stale.members.some((m) => m.ed25519 === first) && stale.members.some((m) => m.ed25519 === second));
  assert.notEqual(first, second, 'the 421 retry goes to another member');
  assert.ok(!stale.members.some((m) => m.ed25519 === third), 'after the refresh, the recomputed swarm');
  assert.equal(res.node.ed25519, third);
  const oxendAfter = net.requests.filter((r) => Buffer.from(r.body).toString().includes('oxend_request')).length;
  assert.equal(oxendAfter - oxendBefore, 3, 'one refresh from the seeds');
});

test('a third 421 fails with HUSH_ERR_WRONG_SWARM', async () => {
  const { net, client } = await setup('swarm-c');
  const pk = account('carol');
  net.onRpc((_n, method) => (method === 'store' ? { status: 421, body: { snodes: [], swarm: '1000', t: 1_700_000_000_000 } } : undefined));
  const from = net.onionRoutes.length;
  await assert.rejects(client.requestSwarm(pk, { method: 'store', params: { pubkey: pk, data: 'eA==' } }), (e: unknown) => {
    assert.ok(e instanceof HushError && e.code === 'HUSH_ERR_WRONG_SWARM', String(e));
    assert.equal(e.details['answers421'], 3);
    return true;
  });
  assert.equal(destinations(net, from).length, 3);
});

test('an unreachable member is skipped for another one', async () => {
  const { net, client } = await setup('swarm-d');
  const pk = account('dave');
  const members = client.swarmFor(pk).members;
  const live = members[members.length - 1]!;
  for (const m of members) if (m !== live) net.gone.add(m.ed25519);
  const res = await client.requestSwarm(pk, { method: 'retrieve', params: { pubkey: pk } });
  assert.equal(res.node.ed25519, live.ed25519);
});

test('fetchSwarm (get_swarm) keeps members the pool knows and drops invented ones', async () => {
  const { net, client } = await setup('swarm-e');
  const pk = account('erin');
  const stranger = createFakeNetwork({ count: 1, label: 'stranger' }).nodes[0]!;
  net.onRpc((_n, method) => {
    if (method !== 'get_swarm') return undefined;
    const real = net.swarmJson(pk).json;
    const invented = { pubkey_ed25519: stranger.ed25519, pubkey_x25519: stranger.x25519, ip: '6.6.6.6', port: '1', port_https: 1 };
    const moved = { ...real.snodes[0]!, ip: '7.7.7.7' };
    return { status: 200, body: { snodes: [invented, moved, ...real.snodes.slice(1)], swarm: real.swarm, t: 1_700_000_000_000 } };
  });
  const swarm = await client.fetchSwarm(pk);
  const real = net.swarmJson(pk);
  assert.equal(swarm.id, real.id);
  assert.deepEqual(swarm.members.map((m) => m.ed25519).sort(), real.json.snodes.slice(1).map((s) => s.pubkey_ed25519).sort());
});

test('network time: rolling average of the last 10 offsets; garbage ignored', () => {
  let local = 1_700_000_100_000;
  const nt = createNetworkTime({ clock: { now: () => local, sleep: async () => {}, setTimer: () => () => {} }, maxSamples: 10 });
  assert.equal(nt.now(), local);
  assert.equal(nt.addSample(1_700_000_090_000), true); // local is 10 s ahead
  assert.equal(nt.now(), 1_700_000_090_000);
  for (const bad of [NaN, Infinity, -1, 5, '1700000000000', null, 1e14]) assert.equal(nt.addSample(bad), false);
  assert.equal(nt.sampleCount(), 1);
  for (let i = 0; i < 10; i++) nt.addSample(local - 2000);
  assert.equal(nt.sampleCount(), 10);
  assert.equal(nt.offsetMs(), 2000, 'the first sample fell out of the window');
  local += 500;
  assert.equal(nt.now(), local - 2000);
});

test("the client's network time follows the nodes' `t`", async () => {
  const { client, clock } = await setup('swarm-f', () => 1_700_000_000_000 + 7_000);
  await client.requestSwarm(account('frank'), { method: 'retrieve', params: { pubkey: account('frank') } });
  assert.equal(client.networkTime.offsetMs(), -7_000);
  assert.equal(client.networkTime.now(), clock.now() + 7_000);
});
