/**
 * Layer key material made ahead of time: the pool hands out each pair once, each public key
 * belongs to its secret, each hop's keys are the ones that hop derives, and a request built with
 * them is byte for byte the request built without — and every hop can open it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOnionRequest, clientHopKeys, hopSharedKey, peelOnionLayer, randomBytes, toHex, x25519Base, type OnionEncType } from '@hush/core';
import { createLayerKeyPool, systemRandom, type Clock, type Random, type ServiceNode } from '../src/index.ts';

function manualClock(): { clock: Clock; timers: Array<() => void> } {
  const timers: Array<() => void> = [];
  const clock: Clock = { now: () => 0, sleep: async () => undefined, setTimer: (_ms, fn) => (timers.push(fn), () => void timers.splice(timers.indexOf(fn) >>> 0, 1)) };
  return { clock, timers };
}

function countingRandom(): { random: Random; calls: () => number } {
  let n = 0;
  return { random: { bytes: (len: number) => (n++, systemRandom.bytes(len)), int: (max: number) => systemRandom.int(max) }, calls: () => n };
}

interface TestNode {
  readonly node: ServiceNode;
  readonly sk: Uint8Array;
}

function testNode(i: number): TestNode {
  const sk = randomBytes(32);
  const node = { ed25519: toHex(randomBytes(32)), x25519Key: x25519Base(sk), ip: `127.0.0.${i + 2}`, port: 20_000 + i } as unknown as ServiceNode;
  return { node, sk };
}

const path = (nodes: readonly TestNode[]) => nodes.map((n) => n.node);

for (const encType of ['xchacha20', 'aes-gcm'] as const satisfies readonly OnionEncType[]) {
  test(`${encType}: fresh material every take; hop keys are the ones each hop derives`, () => {
    const hops = [0, 1, 2].map(testNode);
    const { clock, timers } = manualClock();
    const pool = createLayerKeyPool(systemRandom, clock);
    const seen = new Set<string>();
    for (let round = 0; round < 6; round++) {
      const m = pool.take(path(hops), encType);
      assert.equal(m.secrets.length, 4);
      assert.equal(m.keys[3], null, 'the destination layer is keyed by the builder');
      m.secrets.forEach((s, i) => {
        assert.deepEqual(m.publics[i], x25519Base(s), 'public key of its secret');
        assert.ok(!seen.has(toHex(s)), 'never handed out twice');
        seen.add(toHex(s));
      });
      hops.forEach((h, i) => {
        // What the hop computes from its own secret and the layer's ephemeral public key.
        assert.deepEqual(m.keys[i]!.key, hopSharedKey(encType, h.sk, m.publics[i]!, false));
      });
      if (round % 2 === 0) pool.refill();
      else timers.splice(0).forEach((fn) => fn());
    }
  });
}

test('after a refill, a request over the same path makes no key material on the spot', () => {
  const hops = [0, 1, 2].map(testNode);
  const { random, calls } = countingRandom();
  const { clock } = manualClock();
  const pool = createLayerKeyPool(random, clock);
  pool.take(path(hops), 'xchacha20');
  assert.equal(calls(), 4, 'cold: four pairs made on the spot');
  pool.refill();
  const before = calls();
  pool.take(path(hops), 'xchacha20');
  assert.equal(calls(), before, 'warm: everything came from the pool');
});

test('take arms one late refill; only the most recent paths are kept', () => {
  const { random, calls } = countingRandom();
  const { clock, timers } = manualClock();
  const pool = createLayerKeyPool(random, clock, { pairs: 1, setsPerPath: 1, paths: 2, lateRefillMs: 100 });
  const paths = [0, 1, 2].map((p) => [0, 1, 2].map((i) => testNode(p * 3 + i)));
  for (const p of paths) pool.take(path(p), 'xchacha20');
  assert.equal(timers.length, 1, 'one late refill armed');
  const before = calls();
  timers.splice(0).forEach((fn) => fn());
  assert.equal(calls() - before, 2 * 3 + 1, 'refill: one set for each of the 2 most recent paths, one spare pair');
  const again = calls();
  pool.take(path(paths[0]!), 'xchacha20');
  assert.equal(calls() - again, 3, 'the oldest path was dropped: its hop layers are made on the spot');
});

test('a request built with ready layer keys is the same bytes as one built without, and every hop opens it', () => {
  const nodes = [0, 1, 2, 3].map(testNode);
  const hops = nodes.slice(0, 3).map((n) => ({ ed25519: n.node.ed25519, x25519: n.node.x25519Key }));
  const destination = { type: 'snode' as const, ed25519: nodes[3]!.node.ed25519, x25519: nodes[3]!.node.x25519Key };
  const ephemeralSecrets = [0, 1, 2, 3].map(() => randomBytes(32));
  const ephemeralPublics = ephemeralSecrets.map((s) => x25519Base(s));
  const nonces = [0, 1, 2, 3].map(() => randomBytes(24));
  const payload = randomBytes(100);
  const layerKeys = [0, 1, 2].map((i) => clientHopKeys('xchacha20', ephemeralSecrets[i]!, hops[i]!.x25519, ephemeralPublics[i]));
  const plain = buildOnionRequest({ hops, destination, payload, encType: 'xchacha20', random: { ephemeralSecrets, nonces } });
  const ahead = buildOnionRequest({ hops, destination, payload, encType: 'xchacha20', random: { ephemeralSecrets, nonces, ephemeralPublics, layerKeys: [...layerKeys, null] } });
  assert.deepEqual(ahead.wire, plain.wire);
  assert.deepEqual(ahead.destinationKey, plain.destinationKey);
  let wire = ahead.wire;
  for (let i = 0; i < 3; i++) {
    const peeled = peelOnionLayer(wire, nodes[i]!.sk, nodes[i]!.node.x25519Key);
    assert.equal(peeled.kind, 'forward');
    if (peeled.kind !== 'forward') return;
    assert.equal(peeled.destination, i < 2 ? hops[i + 1]!.ed25519 : destination.ed25519);
    wire = peeled.nextWire;
  }
  const last = peelOnionLayer(wire, nodes[3]!.sk, nodes[3]!.node.x25519Key);
  assert.equal(last.kind, 'final');
  if (last.kind === 'final') assert.deepEqual(new Uint8Array(last.payload), new Uint8Array(payload));
});

test('malformed ready material is refused naming the field', () => {
  const hops = [0, 1, 2].map(() => ({ ed25519: toHex(randomBytes(32)), x25519: x25519Base(randomBytes(32)) }));
  const destination = { type: 'snode' as const, ed25519: toHex(randomBytes(32)), x25519: x25519Base(randomBytes(32)) };
  const ephemeralSecrets = [0, 1, 2, 3].map(() => randomBytes(32));
  const nonces = [0, 1, 2, 3].map(() => randomBytes(24));
  const ephemeralPublics = ephemeralSecrets.map((s) => x25519Base(s));
  const build = (random: object) => buildOnionRequest({ hops, destination, payload: randomBytes(10), encType: 'xchacha20', random: { ephemeralSecrets, nonces, ...random } });
  const field = (f: string) => (e: unknown) => (e as { code?: string; details?: { field?: string } }).code === 'HUSH_ERR_BAD_ARGUMENT' && (e as { details: { field: string } }).details.field === f;
  assert.throws(() => build({ ephemeralPublics: [] }), field('random.ephemeralPublics'));
  assert.throws(() => build({ ephemeralPublics, layerKeys: [null] }), field('random.layerKeys'));
  assert.throws(() => build({ layerKeys: [null, null, null, null] }), field('random.layerKeys'));
  assert.throws(() => build({ ephemeralPublics, layerKeys: [null, { key: new Uint8Array(5), gcmKey: new Uint8Array(32) }, null, null] }), (e: unknown) => (e as { code?: string }).code !== undefined);
  assert.throws(() => build({ ephemeralPublics, layerKeys: [null, 'x', null, null] }), field('random.layerKeys[1]'));
});
