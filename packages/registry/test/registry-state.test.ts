import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHushError } from '@hush/core';
import {
  createRegistryState,
  genesisBlockHash,
  loadState,
  parseState,
  saveState,
  seedFromBlockHash,
  serializeState,
  stringifyWithBigInt,
  type AnnounceFields,
} from '@hush/registry';
import { testNode } from './helpers.ts';

const T0 = 1_750_000_000_000;

function fields(label: string | number, port = 22021, ip = '127.0.0.2', timestamp = T0): AnnounceFields {
  const n = testNode(label);
  return { pubkeyEd25519: n.ed, pubkeyX25519: n.x, publicIp: ip, storagePort: port, timestamp };
}

test('seed is the first 8 bytes of the block hash, little-endian', () => {
  const hash = '0102030405060708' + 'ff'.repeat(24);
  assert.equal(seedFromBlockHash(hash), 0x0807060504030201n);
  assert.equal(seedFromBlockHash('ff'.repeat(32)), 2n ** 64n - 1n);
});

test('stringifyWithBigInt writes bigints as bare digits and everything else like JSON.stringify', () => {
  assert.equal(stringifyWithBigInt({ a: 18446744073709551614n, b: [1, 'x', null, true], c: undefined }), '{"a":18446744073709551614,"b":[1,"x",null,true]}');
  assert.throws(() => stringifyWithBigInt({ a: Number.NaN }));
});

test('state: heights and block hashes advance only on membership or address changes', () => {
  const s = createRegistryState({ expiryMs: 1000 });
  assert.equal(s.snapshot().height, 0);
  assert.equal(s.snapshot().blockHash, genesisBlockHash());
  const r1 = s.announce(fields(1), T0);
  assert.equal(r1.height, 1);
  assert.equal(r1.swarmId, 0n, 'the first swarm has id 0');
  const h1 = s.snapshot().blockHash;
  assert.notEqual(h1, genesisBlockHash());
  assert.equal(s.announce(fields(1, 22021, '127.0.0.2', T0 + 10), T0 + 10).height, 1, 'same address');
  assert.equal(s.snapshot().blockHash, h1);
  assert.equal(s.announce(fields(1, 22022, '127.0.0.2', T0 + 20), T0 + 20).height, 2, 'new port');
  assert.equal(s.announce(fields(1, 22022, '127.0.0.3', T0 + 30), T0 + 30).height, 3, 'new ip');
  assert.equal(s.snapshot().nodes[0]!.publicIp, '127.0.0.3');
});

test('state: expire drops exactly the nodes silent for longer than expiryMs', () => {
  const s = createRegistryState({ expiryMs: 1000 });
  s.announce(fields('a'), T0);
  s.announce(fields('b'), T0 + 500);
  assert.equal(s.expire(T0 + 1000), 0, 'exactly expiryMs is still alive');
  const h = s.snapshot().height;
  assert.equal(s.expire(T0 + 1001), 1);
  assert.deepEqual(s.snapshot().nodes.map((n) => n.pubkeyEd25519), [testNode('b').ed]);
  assert.equal(s.snapshot().height, h + 1);
  assert.equal(s.expire(T0 + 1501), 1);
  assert.equal(s.snapshot().nodes.length, 0);
});

test('state: a full registry refuses new nodes but not known ones', () => {
  const s = createRegistryState({ expiryMs: 1000, maxNodes: 2 });
  s.announce(fields(1), T0);
  s.announce(fields(2), T0);
  assert.throws(() => s.announce(fields(3), T0), (e) => isHushError(e, 'HUSH_ERR_TOO_LARGE'));
  assert.doesNotThrow(() => s.announce(fields(2, 22021, '127.0.0.2', T0 + 1), T0 + 1));
});

test('state: every active node gets a swarm; 40 nodes make swarms of 5..9 nodes', () => {
  const s = createRegistryState({ expiryMs: 1000 });
  for (let i = 0; i < 40; i++) s.announce(fields(i, 20_000 + i), T0);
  const sizes = new Map<bigint, number>();
  for (const n of s.snapshot().nodes) sizes.set(n.swarmId, (sizes.get(n.swarmId) ?? 0) + 1);
  assert.ok(sizes.size >= 4, `${sizes.size} swarms`);
  for (const size of sizes.values()) assert.ok(size >= 5 && size <= 9, `swarm of ${size}`);
  assert.ok(!sizes.has(2n ** 64n - 1n));
});

test('persisted state round-trips and keeps swarm ids; resumed nodes count as just seen', () => {
  const s = createRegistryState({ expiryMs: 1000 });
  for (let i = 0; i < 15; i++) s.announce(fields(i, 20_000 + i), T0);
  const snap = s.snapshot();
  const parsed = parseState(serializeState(snap));
  assert.equal(parsed.height, snap.height);
  assert.equal(parsed.blockHash, snap.blockHash);
  assert.deepEqual(parsed.nodes.map((n) => [n.pubkeyEd25519, n.swarmId, n.storagePort]), snap.nodes.map((n) => [n.pubkeyEd25519, n.swarmId, n.storagePort]));
  const resumed = createRegistryState({ expiryMs: 1000, initial: parsed, now: T0 + 50_000 });
  assert.equal(resumed.expire(T0 + 50_500), 0);
  assert.deepEqual(resumed.snapshot().nodes.map((n) => n.swarmId), snap.nodes.map((n) => n.swarmId));
});

test('a damaged state file is refused naming the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hush-registry-state-'));
  try {
    assert.equal(loadState(dir), undefined);
    const s = createRegistryState({ expiryMs: 1000 });
    s.announce(fields(1), T0);
    saveState(dir, s.snapshot());
    const path = join(dir, 'registry-state.json');
    const doc = JSON.parse(readFileSync(path, 'utf8'));
    assert.equal(loadState(dir)?.nodes[0]?.pubkeyEd25519, testNode(1).ed);
    const damage: [(d: any) => void, RegExp][] = [
      [(d) => (d.version = 2), /version/],
      [(d) => (d.height = -1), /height/],
      [(d) => (d.block_hash = 'x'), /block_hash/],
      [(d) => (d.nodes = {}), /nodes/],
      [(d) => (d.nodes[0].swarm = 'zz'), /nodes\[0\]\.swarm/],
      [(d) => (d.nodes[0].storage_port = 0), /nodes\[0\].*storage_port/],
      [(d) => d.nodes.push(d.nodes[0]), /duplicate/],
    ];
    for (const [change, field] of damage) {
      const copy = structuredClone(doc);
      change(copy);
      writeFileSync(path, JSON.stringify(copy));
      assert.throws(() => loadState(dir), (e) => isHushError(e) && field.test(e.message), String(field));
    }
    writeFileSync(path, '{');
    assert.throws(() => loadState(dir), (e) => isHushError(e, 'HUSH_ERR_BAD_JSON'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
