/**
 * `hush network` output from a client status: hops in order with their roles, the guard's round
 * trip then each later hop's own share and its distance from you, what is not measured yet said as
 * such (null in JSON), the clock in words, and when the command stops waiting.
 */
import { strict as assert } from 'node:assert';
import { describe, test } from 'node:test';
import type { NetworkStatus } from '@hush/client';
import { formatClockOffset, formatMs, fullyMeasured, networkJson, networkText } from '../src/network-format.ts';

const key = (c: string): string => c.repeat(64);

function status(over: Partial<NetworkStatus> = {}): NetworkStatus {
  return {
    paths: [
      {
        id: 7,
        failures: 0,
        latencyMs: 12.34,
        hops: [
          { ed25519: key('a'), ip: '10.0.0.1', port: 22021, latencyMs: 0.84, hopMs: 0.84 },
          { ed25519: key('b'), ip: '10.0.0.2', port: 22022, latencyMs: 1.9, hopMs: 1.06 },
          { ed25519: key('c'), ip: '10.0.0.3', port: 22023, latencyMs: 31.2, hopMs: 29.3 },
        ],
      },
      {
        id: 9,
        failures: 2,
        latencyMs: null,
        hops: [
          { ed25519: key('d'), ip: '10.0.0.4', port: 22024, latencyMs: 5, hopMs: 5 },
          { ed25519: key('e'), ip: '10.0.0.5', port: 22025, latencyMs: null, hopMs: null },
          { ed25519: key('f'), ip: '10.0.0.6', port: 22026, latencyMs: null, hopMs: null },
        ],
      },
    ],
    clockOffsetMs: -1500,
    nodesKnown: 12,
    swarm: { id: '00ff00ff00ff00ff', members: [key('1'), key('2'), key('3'), key('4'), key('5')] },
    longPolling: true,
    lastPollAt: null,
    lastError: null,
    ...over,
  };
}

describe('hush network output', () => {
  test('text: each path with its hops in order, roles, addresses, short keys and latencies', () => {
    const text = networkText(status());
    const lines = text.split('\n');
    assert.match(lines[0]!, /^Path 1 · round trip 12 ms$/);
    assert.match(text, /1 +guard +10\.0\.0\.1:22021 +aaaaaaaaaaaa… +0\.8 ms\n/);
    assert.match(text, /2 +middle +10\.0\.0\.2:22022 +bbbbbbbbbbbb… +\+1\.1 ms +\(1\.9 ms from you\)\n/);
    assert.match(text, /3 +exit +10\.0\.0\.3:22023 +cccccccccccc… +\+29 ms +\(31 ms from you\)\n/);
    assert.match(text, /Path 2 · round trip not measured yet · 2 failures\n/);
    assert.match(text, /1 +guard +10\.0\.0\.4:22024 +dddddddddddd… +5\.0 ms\n/);
    assert.equal(text.match(/not measured yet/g)?.length, 3, 'the second path and its two unmeasured hops');
    assert.ok(text.indexOf('aaaa') < text.indexOf('bbbb') && text.indexOf('bbbb') < text.indexOf('cccc'), 'hops in path order');
    assert.match(text, /Clock +yours is 1\.5 s behind the network\n/);
    assert.match(text, /Nodes known +12\n/);
    assert.match(text, /Your swarm +5 nodes \(swarm 00ff00ff00ff00ff\)$/);
  });

  test('text: no paths yet, no swarm yet, a clock in step', () => {
    const text = networkText(status({ paths: [], swarm: null, clockOffsetMs: 0.4 }));
    assert.match(text, /^No onion paths yet\.\n/);
    assert.match(text, /Clock +in step with the network\n/);
    assert.match(text, /Your swarm +not known yet$/);
  });

  test('json: snake_case figures, roles, null for what is not measured, full keys', () => {
    const json = networkJson(status()) as {
      paths: { id: number; latency_ms: number | null; failures: number; hops: { role: string; ed25519: string; ip: string; port: number; latency_ms: number | null; hop_ms: number | null }[] }[];
      clock_offset_ms: number;
      nodes_known: number;
      swarm: { id: string; members: string[] } | null;
    };
    assert.deepEqual(json.paths.map((p) => [p.id, p.latency_ms, p.failures]), [[7, 12.34, 0], [9, null, 2]]);
    assert.deepEqual(json.paths[0]!.hops.map((h) => h.role), ['guard', 'middle', 'exit']);
    assert.deepEqual(json.paths[0]!.hops[1], { role: 'middle', ed25519: key('b'), ip: '10.0.0.2', port: 22022, latency_ms: 1.9, hop_ms: 1.06 });
    assert.deepEqual(json.paths[1]!.hops.map((h) => [h.latency_ms, h.hop_ms]), [[5, 5], [null, null], [null, null]]);
    assert.equal(json.clock_offset_ms, -1500);
    assert.equal(json.nodes_known, 12);
    assert.equal(json.swarm?.members.length, 5);
  });

  test('the command waits until every hop of every path is measured', () => {
    assert.equal(fullyMeasured(status()), false, 'two hops of path 2 are not');
    const measured = status();
    const all: NetworkStatus = { ...measured, paths: measured.paths.map((p) => ({ ...p, hops: p.hops.map((h) => ({ ...h, latencyMs: h.latencyMs ?? 9, hopMs: h.hopMs ?? 2 })) })) };
    assert.equal(fullyMeasured(all), true, 'a path round trip may still be missing: it comes from idle probes');
    assert.equal(fullyMeasured(status({ paths: [] })), false, 'no paths is nothing to show yet');
  });

  test('ms and clock in words', () => {
    assert.deepEqual([0.04, 0.84, 9.94, 10.4, 1234].map(formatMs), ['0.0 ms', '0.8 ms', '9.9 ms', '10 ms', '1234 ms']);
    assert.deepEqual([0, 0.9, 40.4, -999.6, 1500, -61_000].map(formatClockOffset), [
      'in step with the network',
      'in step with the network',
      '40 ms ahead of the network',
      '1.0 s behind the network',
      '1.5 s ahead of the network',
      '61.0 s behind the network',
    ]);
  });
});
