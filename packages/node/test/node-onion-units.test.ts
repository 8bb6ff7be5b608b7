/**
 * The onion hop without sockets: hostile bodies always get a deliberate 400 (never a throw, never
 * a 500), well-formed layers with hostile inner JSON get an encrypted answer, the relay allowlist
 * and its configuration, and the hop metrics (counter by outcome, latency histogram).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptOnionResponseV3, encodeLayer, isHushError, randomBytes, utf8 } from '@hush/core';
import { loadConfig } from '../src/config.ts';
import { identityFromSeed } from '../src/identity.ts';
import { silentLogger } from '../src/log/logger.ts';
import { createNodeMetrics, type NodeMetrics } from '../src/metrics/node-metrics.ts';
import { createOnionHandler, type OnionHandler } from '../src/onion/onion-handler.ts';
import { createRelayAllowlist, parseRelayHost } from '../src/onion/relay-allowlist.ts';
import { createServerRelay, type ServerRelay } from '../src/onion/server-relay.ts';
import type { PeerClient } from '../src/replication/peer-client.ts';
import type { RpcContext } from '../src/rpc/context.ts';
import { cleanupTmp, seedOf, tmpDir } from './helpers.ts';
import { handLayer, type HopNode } from './onion-helpers.ts';

const me = identityFromSeed(seedOf(1200));
const next = identityFromSeed(seedOf(1201));
const meHop: HopNode = { ed25519: me.ed25519Hex, x25519: me.x25519Hex, port: 1 };
let metrics: NodeMetrics;
let handler: OnionHandler;
let relay: ServerRelay;
const forwarded: Uint8Array[] = [];

before(() => {
  metrics = createNodeMetrics();
  relay = createServerRelay({ timeoutMs: 500, maxResponseBytes: 1024, maxSockets: 1 });
  const peers: PeerClient = {
    post: () => Promise.reject(new Error('not used')),
    forward: async (_peer, _path, body) => {
      forwarded.push(Uint8Array.from(body));
      return { status: 200, body: Buffer.from('from next'), contentType: 'text/plain' };
    },
    retain: () => undefined,
    close: () => undefined,
  };
  const ctx = { clock: Date.now, logger: silentLogger() } as unknown as RpcContext;
  handler = createOnionHandler({
    identity: me,
    ctx,
    findNode: (pk) => (pk === next.ed25519Hex ? { ed25519Hex: pk, x25519Hex: next.x25519Hex, ip: '127.0.0.1', port: 9, swarmId: 0n } : undefined),
    peers,
    relay,
    relayAllowed: createRelayAllowlist([]),
    forwardTimeoutMs: 500,
    metrics,
    logger: silentLogger(),
  });
});

after(() => {
  relay.close();
  cleanupTmp();
});

const plainStatuses = new Set([400]);

describe('hostile onion bodies', () => {
  it('random bytes and random layers: always a plain 400 with a known text', async () => {
    const texts = /^(Invalid ciphertext|onion request max path length exceeded|Error parsing onion request: .+)$/;
    const key = fc.oneof({ arbitrary: fc.constant('11'.repeat(32)), weight: 3 }, fc.constant('00'.repeat(32)), fc.string({ maxLength: 70 }));
    const json = fc.record(
      { ephemeral_key: key, enc_type: fc.constantFrom('xchacha20', 'aes-gcm', 'gcm', 'rot13', 7), hop_no: fc.oneof(fc.integer({ min: -3, max: 40 }), fc.string(), fc.double()) },
      { requiredKeys: ['ephemeral_key'] },
    );
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.uint8Array({ maxLength: 200 }), json).map(([p, j]) => encodeLayer(p, j)),
      fc.tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.uint8Array({ maxLength: 50 })).map(([n, rest]) => {
        const b = Buffer.alloc(4 + rest.length);
        b.writeUInt32LE(n, 0);
        b.set(rest, 4);
        return new Uint8Array(b);
      }),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const r = await handler.handle(body, '127.0.0.2');
        assert.ok(plainStatuses.has(r.status), `status ${r.status}`);
        assert.match(String(r.body), texts);
      }),
      { numRuns: 200 },
    );
  });

  it('decryptable layers with hostile inner JSON: an encrypted 400, or a forward for a well-formed one', async () => {
    const some = <T>(x: T) => fc.oneof({ arbitrary: fc.constant(x), weight: 3 }, fc.string({ maxLength: 70 }), fc.integer(), fc.boolean(), fc.constant(null));
    const control = fc.record(
      {
        destination: some(next.ed25519Hex),
        ephemeral_key: some('33'.repeat(32)),
        enc_type: fc.constantFrom('xchacha20', 'aes-gcm', 'rot13', 1),
        host: some('127.0.0.1'),
        target: some('/oxen/v4/lsrpc'),
        port: fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.integer(), fc.string()),
        protocol: fc.constantFrom('http', 'https', 'ftp', 1),
        json: fc.oneof(fc.boolean(), fc.string()),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(control, fc.constantFrom('xchacha20' as const, 'aes-gcm' as const), async (c, encType) => {
        const { wire, key } = handLayer(meHop, utf8('{}'), c, encType);
        const r = await handler.handle(wire, '127.0.0.2');
        if (r.body instanceof Uint8Array && Buffer.from(r.body).toString() === 'from next') return; // forwarded to the stub next hop
        assert.equal(r.status, 200, String(r.body));
        const v3 = decryptOnionResponseV3(typeof r.body === 'string' ? utf8(r.body) : r.body, key, encType);
        assert.ok([400, 403].includes(v3.status), `${JSON.stringify(c)} → ${v3.status} ${v3.body}`);
        assert.ok(['Invalid json', 'Invalid url'].includes(v3.body) || v3.body.startsWith('Onion relay to '), v3.body);
      }),
      { numRuns: 200 },
    );
  });

  it('counts outcomes and times them', async () => {
    const before = metrics.registry.value('hush_onion_requests_total', { outcome: 'bad_layer' });
    const beforeCount = metrics.registry.value('hush_onion_hop_seconds_count', { outcome: 'bad_layer' });
    await handler.handle(randomBytes(3), null);
    assert.equal(metrics.registry.value('hush_onion_requests_total', { outcome: 'bad_layer' }), before + 1);
    assert.equal(metrics.registry.value('hush_onion_hop_seconds_count', { outcome: 'bad_layer' }), beforeCount + 1);
    const text = metrics.registry.render();
    assert.match(text, /^# TYPE hush_onion_hop_seconds histogram$/m);
    assert.match(text, /^hush_onion_hop_seconds_bucket\{outcome="bad_layer",le="\+Inf"\} \d+$/m);
    const buckets = [...text.matchAll(/^hush_onion_hop_seconds_bucket\{outcome="bad_layer",le="[^"]+"\} (\d+)$/gm)].map((m) => Number(m[1]));
    assert.deepEqual(buckets, [...buckets].sort((a, b) => a - b), 'buckets are cumulative');
  });

  it('forwards the next layer with hop_no + 1', async () => {
    const inner = handLayer({ ...meHop, x25519: next.x25519Hex }, utf8('{}'), { headers: '' }, 'aes-gcm');
    const layer = { destination: next.ed25519Hex, ephemeral_key: '22'.repeat(32), enc_type: 'aes-gcm' };
    const { wire } = handLayer(meHop, inner.wire, layer, 'aes-gcm', { hop_no: 3 });
    forwarded.length = 0;
    const r = await handler.handle(wire, null);
    assert.equal(r.status, 200);
    assert.equal(Buffer.from(r.body).toString(), 'from next');
    assert.equal(forwarded.length, 1);
    const sent = Buffer.from(forwarded[0]!);
    const n = sent.readUInt32LE(0);
    assert.deepEqual(sent.subarray(4, 4 + n), Buffer.from(inner.wire));
    assert.deepEqual(JSON.parse(sent.subarray(4 + n).toString()), { ephemeral_key: '22'.repeat(32), enc_type: 'aes-gcm', hop_no: 4 });
  });
});

describe('relay allowlist', () => {
  it('host:port entries, canonical and exact', () => {
    assert.equal(parseRelayHost('Files.Example.org:443'), 'files.example.org:443');
    assert.equal(parseRelayHost('[::1]:8080'), '[::1]:8080');
    for (const bad of ['example.org', 'example.org:0', 'example.org:65536', 'a b:80', ':80', 'http://x:80']) assert.equal(parseRelayHost(bad), null, bad);
    const allowed = createRelayAllowlist(['127.0.0.1:8080', 'FILES.example.org:443']);
    assert.ok(allowed({ host: '127.0.0.1', port: 8080 }));
    assert.ok(allowed({ host: 'files.EXAMPLE.org', port: 443 }));
    assert.ok(!allowed({ host: '127.0.0.1', port: 8081 }));
    assert.ok(!allowed({ host: 'localhost', port: 8080 }));
    assert.ok(!createRelayAllowlist([])({ host: '127.0.0.1', port: 8080 }));
  });

  it('config: a comma-separated flag or a JSON array; a bad entry is named', () => {
    const dir = tmpDir();
    assert.deepEqual(loadConfig(['--data-dir', dir, '--onion-relay-hosts', '127.0.0.1:8080, Example.org:443']).onionRelayHosts, ['127.0.0.1:8080', 'example.org:443']);
    const file = join(dir, 'node.json');
    writeFileSync(file, JSON.stringify({ dataDir: '.', onionRelayHosts: ['127.0.0.1:1'], onionRelayTimeoutMs: 5000 }));
    const c = loadConfig(['--config', file]);
    assert.deepEqual([c.onionRelayHosts, c.onionRelayTimeoutMs], [['127.0.0.1:1'], 5000]);
    assert.equal(loadConfig(['--data-dir', dir]).onionRelayHosts, undefined, 'no relaying unless configured');
    for (const [argv, field] of [
      [['--data-dir', dir, '--onion-relay-hosts', '127.0.0.1:8080,nope'], 'flags: onionRelayHosts[1]'],
      [['--data-dir', dir, '--onion-forward-timeout-ms', 'soon'], 'flags: onionForwardTimeoutMs'],
    ] as const) {
      try {
        loadConfig([...argv]);
        assert.fail('expected an error');
      } catch (err) {
        assert.ok(isHushError(err, 'HUSH_ERR_BAD_CONFIG'), String(err));
        assert.equal(err.details['field'], field);
      }
    }
  });
});
