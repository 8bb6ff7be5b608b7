/** Property tests: untrusted input never crashes the parsers; path selection keeps its rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { utf8 } from '@hush/core';
import {
  classifyPathStatus,
  parseDevnetNodes,
  parseServiceNodeStates,
  parseSwarmSnodes,
  selectPathNodes,
  type OnionPath,
  type ServiceNode,
} from '../src/index.ts';
import { createFakeNetwork, seededRandom } from './fake-network.ts';

const net = createFakeNetwork({ count: 4, label: 'props' });
const real = net.states();

/** Real entries with fields replaced by arbitrary values, plus arbitrary junk. */
const entry = fc.oneof(
  fc.anything(),
  fc.record({ i: fc.integer({ min: 0, max: 3 }), key: fc.constantFrom('pubkey_ed25519', 'pubkey_x25519', 'public_ip', 'storage_port', 'swarm', 'swarm_id', 'funded', 'ip', 'port', 'port_https'), value: fc.anything() }).map(({ i, key, value }) => ({ ...real[i], [key]: value })),
  fc.constantFrom(...real),
);

test('node-list parsers never throw on hostile input and only return well-formed nodes', () => {
  fc.assert(
    fc.property(fc.oneof(fc.anything(), fc.array(entry, { maxLength: 12 })), (list) => {
      for (const parsed of [parseServiceNodeStates(list, 50), parseDevnetNodes(list, 50), parseSwarmSnodes(list, '1f', 50)]) {
        const keys = new Set<string>();
        for (const n of parsed.nodes) {
          assert.match(n.ed25519, /^[0-9a-f]{64}$/);
          assert.match(n.x25519, /^[0-9a-f]{64}$/);
          assert.ok(n.port >= 1 && n.port <= 65535 && n.ip !== '0.0.0.0');
          assert.ok(!keys.has(n.ed25519), 'no duplicates');
          keys.add(n.ed25519);
          assert.ok(real.some((r) => r.pubkey_ed25519 === n.ed25519), 'only real keys survive (others fail the curve check or the pairing)');
        }
      }
    }),
    { numRuns: 200 },
  );
});

function node(k: number, ip: number): ServiceNode {
  return { ed25519: k.toString(16).padStart(64, '0'), x25519: '', x25519Key: new Uint8Array(32), ip: `10.0.0.${ip}`, port: 1, swarm: 0n };
}

test('selectPathNodes: no node twice, no IP twice, never the excluded node or its IP; fails only when too few IPs remain', () => {
  const pool = fc.uniqueArray(fc.record({ k: fc.integer({ min: 1, max: 40 }), ip: fc.integer({ min: 1, max: 8 }) }), { selector: (r) => r.k, maxLength: 25 });
  fc.assert(
    fc.property(pool, fc.integer({ min: 0, max: 30 }), fc.integer({ min: 2, max: 5 }), (raw, seed, hops) => {
      const candidates = raw.map((r) => node(r.k, r.ip));
      const [exclude, guard] = candidates;
      const start = guard === undefined || exclude === undefined || guard.ip === exclude.ip ? [] : [guard];
      const path = selectPathNodes(seededRandom(`p${seed}`), { start, hops, candidates, exclude: exclude === undefined ? [] : [exclude], avoid: new Set(candidates.slice(0, 3).map((n) => n.ed25519)) });
      const usableIps = new Set(candidates.filter((n) => n.ip !== exclude?.ip).map((n) => n.ip));
      if (path === null) {
        assert.ok(usableIps.size < hops, `null although ${usableIps.size} IPs for ${hops} hops`);
        return;
      }
      assert.equal(path.length, hops);
      assert.deepEqual(path.slice(0, start.length), start);
      assert.equal(new Set(path.map((n) => n.ed25519)).size, hops);
      assert.equal(new Set(path.map((n) => n.ip)).size, hops);
      if (exclude !== undefined) assert.ok(!path.some((n) => n.ed25519 === exclude.ed25519 || n.ip === exclude.ip));
    }),
    { numRuns: 200 },
  );
});

test('classifyPathStatus never throws and always names a reason', () => {
  const path: OnionPath = { id: 1, nodes: [node(1, 1), node(2, 2), node(3, 3)] };
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 999 }), fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string({ maxLength: 300 }).map(utf8)), (status, body) => {
      const f = classifyPathStatus(path, { kind: 'node', node: node(9, 9) }, status, body, 200);
      assert.equal(f.error.code, 'HUSH_ERR_ONION_HOP_FAILED');
      assert.equal(typeof f.error.details['reason'], 'string');
      assert.ok(String(f.error.details['text']).length <= 200);
    }),
    { numRuns: 200 },
  );
});
