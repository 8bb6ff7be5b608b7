/**
 * What `hush node status` / `hush devnet status` read from outside — a node's /status JSON and
 * /metrics text, running.json, devnet.json — parsed as hostile input: right values out, and for
 * anything malformed a HushError naming the field, never a TypeError.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import fc from 'fast-check';
import { isHushError } from '@hush/core';
import { parseDevnetFile } from '../src/devnet-file.ts';
import { formatBytes, formatDuration } from '../src/format-units.ts';
import { parseNodeStatus } from '../src/node-status-doc.ts';
import { sumMetric } from '../src/prometheus-sum.ts';
import { parseRunningFile, runningFileText } from '../src/running-file.ts';

const PK = 'ab'.repeat(32);

function status(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: '0.1.0',
    storage_server_version: [2, 8, 0],
    pubkey_ed25519: PK,
    pubkey_x25519: 'cd'.repeat(32),
    address: { host: '127.0.0.2', port: 21101 },
    ready: true,
    not_ready_reason: null,
    swarm: '0000000000000000',
    peers: [{ pubkey_ed25519: 'ef'.repeat(32), ip: '127.0.0.3', port: 21103 }],
    network: { source: 'registry http://127.0.0.1:21100', height: 7, block_hash: 'x', nodes: 5, swarms: 1 },
    storage: { messages: 3, bytes: 2048, commit_batches: 1, queued_writes: 0 },
    uptime_ms: 61_000,
    now: 1,
    ...overrides,
  };
}

function throwsNaming(fn: () => unknown, field: RegExp): void {
  assert.throws(fn, (err: unknown) => isHushError(err, 'HUSH_ERR_BAD_JSON') && field.test(err.message));
}

test('sumMetric adds every series of one family and only that family', () => {
  const text = [
    '# HELP hush_storage_requests_total Storage RPC requests by method and HTTP status.',
    '# TYPE hush_storage_requests_total counter',
    'hush_storage_requests_total{method="store",status="200"} 5',
    'hush_storage_requests_total{method="we ird} 999",status="200"} 2',
    'hush_storage_requests_total{method="esc\\"}",status="404"} 1',
    'hush_storage_requests_total_extra 100',
    'hush_storage_requests_totalx{a="b"} 100',
    'hush_rate_limited_total 4',
    'hush_storage_requests_total{broken="x} 7',
  ].join('\n');
  assert.equal(sumMetric(text, 'hush_storage_requests_total'), 8);
  assert.equal(sumMetric(text, 'hush_rate_limited_total'), 4);
  assert.equal(sumMetric(text, 'hush_replication_failures_total'), undefined);
  assert.equal(sumMetric('hush_x NaN\nhush_x +Inf\nhush_x 2', 'hush_x'), 2);
});

test('sumMetric never throws on arbitrary text', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => {
      const v = sumMetric(text, 'hush_x');
      assert.ok(v === undefined || Number.isFinite(v));
    }),
    { numRuns: 200 },
  );
});

test('parseNodeStatus reads a node status document', () => {
  const doc = parseNodeStatus(JSON.stringify(status()), 'http://h/status');
  assert.equal(doc.pubkeyEd25519, PK);
  assert.deepEqual(doc.address, { host: '127.0.0.2', port: 21101 });
  assert.equal(doc.swarm, '0000000000000000');
  assert.equal(doc.peers[0]!.port, 21103);
  assert.deepEqual(doc.storage, { messages: 3, bytes: 2048 });
  assert.equal(parseNodeStatus(JSON.stringify(status({ swarm: null, ready: false, not_ready_reason: 'x' })), 's').swarm, null);
});

test('parseNodeStatus names the bad field', () => {
  throwsNaming(() => parseNodeStatus('{', 'u'), /u: not valid JSON/);
  throwsNaming(() => parseNodeStatus('[]', 'u'), /top level/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ pubkey_ed25519: 'AB'.repeat(32) })), 'u'), /pubkey_ed25519/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ address: { host: 'h', port: 70_000 } })), 'u'), /address\.port/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ peers: [{ pubkey_ed25519: PK, ip: 'x', port: -1 }] })), 'u'), /peers\[0\]\.port/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ storage: { messages: 1.5, bytes: 0 } })), 'u'), /storage\.messages/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ ready: 'yes' })), 'u'), /ready/);
  throwsNaming(() => parseNodeStatus(JSON.stringify(status({ peers: new Array(1001).fill(null) })), 'u'), /peers/);
});

test('hostile JSON never escapes as anything but HUSH_ERR_BAD_JSON', () => {
  const parsers = [
    (t: string) => parseNodeStatus(t, 's'),
    (t: string) => parseRunningFile(t, 'r'),
    (t: string) => parseDevnetFile(t, 'd'),
  ];
  fc.assert(
    fc.property(fc.oneof(fc.json(), fc.string({ maxLength: 100 })), (text) => {
      for (const parse of parsers) {
        try {
          parse(text);
        } catch (err) {
          assert.ok(isHushError(err, 'HUSH_ERR_BAD_JSON'), String(err));
        }
      }
    }),
    { numRuns: 200 },
  );
});

test('running.json round-trips and rejects bad fields', () => {
  const record = { pid: 42, host: '127.0.0.1', port: 22021, metricsHost: '127.0.0.1', metricsPort: 40000, pubkeyEd25519: PK, startedAt: 1 };
  assert.deepEqual(parseRunningFile(runningFileText(record), 'r'), record);
  const doc = JSON.parse(runningFileText(record)) as Record<string, unknown>;
  throwsNaming(() => parseRunningFile(JSON.stringify({ ...doc, metrics_port: 0 }), 'r'), /r: metrics_port/);
  throwsNaming(() => parseRunningFile(JSON.stringify({ ...doc, pid: '42' }), 'r'), /r: pid/);
  throwsNaming(() => parseRunningFile(JSON.stringify({ ...doc, metrics_host: 'a b' }), 'r'), /metrics_host/);
});

test('devnet.json: entries are checked by position and field', () => {
  const node = { pubkey_ed25519: PK, pubkey_x25519: PK, ip: '127.0.0.2', port: 21101, swarm_id: '0123456789abcdef' };
  const ok = parseDevnetFile(JSON.stringify({ registry: 'http://127.0.0.1:21100', nodes: [node] }), 'd');
  assert.deepEqual(ok.nodes[0], { pubkeyEd25519: PK, pubkeyX25519: PK, ip: '127.0.0.2', port: 21101, swarm: '0123456789abcdef' });
  throwsNaming(() => parseDevnetFile(JSON.stringify({ registry: 'r', nodes: [node, { ...node, port: 0 }] }), 'd'), /d: nodes\[1\]\.port/);
  throwsNaming(() => parseDevnetFile(JSON.stringify({ registry: 'r', nodes: [{ ...node, swarm_id: '12' }] }), 'd'), /nodes\[0\]\.swarm_id/);
  throwsNaming(() => parseDevnetFile(JSON.stringify({ registry: 'r', nodes: [{ ...node, ip: '300.0.0.1' }] }), 'd'), /nodes\[0\]\.ip/);
  throwsNaming(() => parseDevnetFile(JSON.stringify({ nodes: [] }), 'd'), /registry/);
});

test('sizes and durations for people', () => {
  assert.equal(formatBytes(0), '0 B');
  assert.equal(formatBytes(1023), '1023 B');
  assert.equal(formatBytes(3482), '3.4 KiB');
  assert.equal(formatBytes(5 * 1024 * 1024), '5.0 MiB');
  assert.equal(formatBytes(300 * 1024 * 1024), '300 MiB');
  assert.equal(formatDuration(999), '0s');
  assert.equal(formatDuration(125_000), '2m 05s');
  assert.equal(formatDuration(3_723_000), '1h 02m 03s');
  assert.equal(formatDuration(90_061_000), '1d 01h 01m');
});
