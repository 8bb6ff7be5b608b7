/**
 * Integration: the client against a real 5-node devnet (registry + node processes on loopback,
 * HTTPS with self-signed certificates): bootstrapping from each kind of network option, then
 * `info` and a store/retrieve through real 3-hop onion paths (the nodes' `/onion_req/v2`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blake2b, edPkToCurve, messageHash, fromHex, retrieveSignedString, signDetached, signSeedKeypair, toBase64, toHex, utf8 } from '@hush/core';
import { startDevnet, type Devnet } from '@hush/devnet';
import { createNodeHttpTransport, createOnionClient, type NetworkOption, type OnionClient, type Transport } from '../src/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'hush-client-devnet-'));
const basePort = 10_000 + Math.floor(Math.random() * 20_000);
let devnet: Devnet | undefined;
const clients: OnionClient[] = [];

before(async () => {
  devnet = await startDevnet({ nodes: 5, dir, basePort, log: () => {}, readyTimeoutMs: 45_000, stopGraceMs: 3_000 });
});

after(async () => {
  await Promise.all(clients.map((c) => c.stop()));
  await devnet?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The real transport, recording where each request went. */
function recording(): { transport: Transport; sent: { host: string; path: string }[] } {
  const real = createNodeHttpTransport();
  const sent: { host: string; path: string }[] = [];
  return { sent, transport: { request: (r) => (sent.push({ host: r.endpoint.host, path: r.path }), real.request(r)), close: () => real.close() } };
}

async function started(network: NetworkOption, transport?: Transport): Promise<OnionClient> {
  const client = createOnionClient({ network, limits: { onionTimeoutMs: 10_000, guardTestTimeoutMs: 5_000 }, ...(transport === undefined ? {} : { transport }) });
  clients.push(client);
  await client.start(AbortSignal.timeout(20_000));
  return client;
}

function sameNodes(client: OnionClient, d: Devnet): void {
  const got = client.nodes().map((n) => [n.ed25519, n.x25519, n.ip, n.port, n.swarm.toString(16).padStart(16, '0')]).sort();
  const want = d.nodes.map((n) => [n.pubkeyEd25519, n.pubkeyX25519, n.ip, n.port, n.swarm]).sort();
  assert.deepEqual(got, want);
}

test('bootstraps from the registry URL, from devnet.json and from seed nodes (oxend_request); guards answer info over HTTPS', async () => {
  assert.ok(devnet);
  for (const network of [devnet.registry, devnet.devnetFile, devnet.nodes.slice(0, 3).map((n) => ({ ip: n.ip, port: n.port }))] as NetworkOption[]) {
    const client = await started(network);
    sameNodes(client, devnet);
    const paths = client.paths();
    assert.equal(paths.length, 2, `two paths (${JSON.stringify(network).slice(0, 40)})`);
    for (const p of paths) assert.equal(new Set(p.nodes.map((n) => n.ip)).size, 3);
    assert.ok(client.networkTime.sampleCount() >= 2, 'guard tests gave time samples');
    assert.ok(Math.abs(client.networkTime.offsetMs()) < 5_000);
  }
  const pk = `05${'ab'.repeat(32)}`;
  const swarm = clients[0]!.swarmFor(pk);
  assert.deepEqual(swarm.members.map((m) => m.ed25519).sort(), devnet.nodes.filter((n) => BigInt(`0x${n.swarm}`) === swarm.id).map((n) => n.pubkeyEd25519).sort());
});

test('info and a store/retrieve through a 3-hop onion path', async () => {
  assert.ok(devnet);
  const rec = recording();
  const client = await started(devnet.registry, rec.transport);
  const afterStart = rec.sent.length;
  const info = await client.request(client.nodes()[0]!, { method: 'info', params: {} });
  assert.equal(info.status, 200, info.body);
  assert.ok(Array.isArray((info.json as { version?: unknown }).version));

  const account = signSeedKeypair(blake2b(32, utf8(`client-devnet-${basePort}`)));
  const pubkey = `05${toHex(edPkToCurve(account.publicKey))}`;
  const data = utf8(`through the onion ${basePort}`);
  const store = await client.requestSwarm(pubkey, {
    method: 'store',
    params: { pubkey, namespace: 0, timestamp: client.networkTime.now(), ttl: 60_000, data: toBase64(data) },
  });
  assert.equal(store.reply.status, 200, store.reply.body);
  const ts = client.networkTime.now();
  const signature = toBase64(signDetached(retrieveSignedString({ namespace: 0, timestamp: ts }), account.secretKey));
  const got = await client.requestSwarm(pubkey, {
    method: 'retrieve',
    params: { pubkey, namespace: 0, timestamp: ts, signature, pubkey_ed25519: toHex(account.publicKey) },
  });
  assert.equal(got.reply.status, 200, got.reply.body);
  const hash = messageHash(fromHex(pubkey, 'pubkey', 33), 0, data);
  const messages = (got.reply.json as { messages: { hash: string; data: string }[] }).messages;
  assert.equal(messages.find((m) => m.hash === hash)?.data, toBase64(data));
  const guards = new Set(client.paths().map((p) => p.nodes[0]!.ip));
  const sent = rec.sent.slice(afterStart);
  assert.ok(sent.length >= 3);
  assert.ok(sent.every((r) => r.path === '/onion_req/v2' && guards.has(r.host)), `only onion requests to guards: ${JSON.stringify(sent)}`);
  rec.transport.close();
});
