/**
 * `npm run bench -- onion`: the service node's onion hop.
 *  1. Hop rate: layers peeled and forwarded per second through the node's `/onion_req/v2` route
 *     handler (the real router, body reader, peel, forward decision and reply; no sockets: a
 *     stub next hop answers at once), next to the raw primitives one hop must run (X25519,
 *     BLAKE2b key derivation, XChaCha20-Poly1305 open) measured in the same run, interleaved
 *     (target ≥ 0.5). TLS and HTTP parsing are not in it (the request object is a stand-in). For context, the same hop over real HTTPS: one node process forwarding to a
 *     sink node over its keep-alive peer connections, load from keep-alive clients.
 *  2. Round trip of `info`: 3 hops to a 4th node vs straight to that node, both on a new client
 *     TLS connection per request, sequential, interleaved (target: 3-hop p50 ≤ 1.8× direct p50),
 *     after the same warm-up for both (steady state: see WARMUP_BURST).
 *     The nodes forward to each other over hop links (persistent TLS, ALPN hush-onion/1).
 *     For context, the floors of that ratio on this machine: the same 4-process topology of bare
 *     Node forwarders (no crypto, no parsing) vs the bare server alone, once forwarding with
 *     `https.request` over keep-alive agents, once over framed persistent TLS links like the
 *     nodes' (an HTTPS entry, then frames).
 * Every loop is bounded in count and time. Prints a markdown table.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import sodium from 'sodium-native';
import { buildOnionRequest, decryptOnionResponseV3, randomBytes, utf8 } from '@hush/core';
import { buildClientRequest, createLayerKeyPool, systemClock, systemRandom, type ServiceNode } from '../packages/client/src/index.ts';
import { createBenchWorkspace, freePort, type BenchNode } from './lib/processes.ts';
import { createRateLimiter } from '../packages/node/src/http/rate-limiter.ts';
import { createRouter } from '../packages/node/src/http/routes.ts';
import { TLS_CERT_FILE, TLS_KEY_FILE, loadOrCreateTlsMaterial } from '../packages/node/src/http/tls-cert.ts';
import { identityFromSeed, type NodeIdentity } from '../packages/node/src/identity.ts';
import { silentLogger } from '../packages/node/src/log/logger.ts';
import { createNodeMetrics } from '../packages/node/src/metrics/node-metrics.ts';
import { createOnionHandler } from '../packages/node/src/onion/onion-handler.ts';
import { createServerRelay } from '../packages/node/src/onion/server-relay.ts';
import type { PeerClient } from '../packages/node/src/replication/peer-client.ts';
import type { RpcContext } from '../packages/node/src/rpc/context.ts';
import { ok } from '../packages/node/src/rpc/response.ts';
import type { NodeRecord } from '../packages/node/src/swarm/swarm-view.ts';

const ROUNDS = Number(process.env['HUSH_BENCH_SECONDS'] ?? 7);
const ROUND_MS = 400;
const IN_FLIGHT = 64;
const LATENCY_SAMPLES = Number(process.env['HUSH_BENCH_LATENCY_SAMPLES'] ?? 200);
const LATENCY_BUDGET_MS = 60_000;
/** Untimed pairs first, so every process's JIT has warmed up (a node runs for days; we time its steady state). */
const WARMUP_PAIRS = Number(process.env['HUSH_BENCH_WARMUP_PAIRS'] ?? 100);
/**
 * Before those, each side gets this many requests over keep-alive connections, 8 in flight: a
 * node serves millions of requests, so its JavaScript runs optimized; a few hundred leave much of
 * it in V8's interpreter and baseline tiers (measured: a middle hop's CPU per request 1.7 ms after
 * 400 requests, 1.1 ms after 4,000; a bare relay's 0.45 ms either way).
 */
const WARMUP_BURST = Number(process.env['HUSH_BENCH_WARMUP_BURST'] ?? 3000);
/** `latency`: only part 2 (a quicker run while working on it). */
const ONLY = process.env['HUSH_BENCH_ONION_ONLY'];
const PAYLOAD_BYTES = 1024;
const bench = createBenchWorkspace('hush-bench-onion-');
const { root, children, startProcess, writeDevnetFile, startNode } = bench;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[(s.length - 1) >> 1]!;
};
const percentile = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

// ------------------------------------------------------------------ requests

function x25519Pk(sk: Uint8Array): Uint8Array {
  const pk = Buffer.alloc(32);
  sodium.crypto_scalarmult_base(pk, Buffer.from(sk));
  return new Uint8Array(pk);
}

interface Hop {
  readonly ed25519: string;
  readonly x25519: Uint8Array;
}

function build(hops: readonly Hop[], dest: Hop, payload: Uint8Array) {
  const n = hops.length + 1;
  return buildOnionRequest({
    hops: hops.map((h) => ({ ed25519: h.ed25519, x25519: h.x25519 })),
    destination: { type: 'snode', ed25519: dest.ed25519, x25519: dest.x25519 },
    payload,
    encType: 'xchacha20',
    random: { ephemeralSecrets: Array.from({ length: n }, () => randomBytes(32)), nonces: Array.from({ length: n }, () => randomBytes(24)) },
  });
}

const hopOf = (id: NodeIdentity): Hop => ({ ed25519: id.ed25519Hex, x25519: id.x25519Pk });

const serviceNodeOf = (n: BenchNode): ServiceNode => ({
  ed25519: n.identity.ed25519Hex,
  x25519: n.identity.x25519Hex,
  x25519Key: n.identity.x25519Pk,
  ip: '127.0.0.1',
  port: n.port,
  swarm: 0n,
});

// ------------------------------------------------------------------ 1. hop rate, in-process

/** The primitives of one hop: X25519, BLAKE2b-256 key, XChaCha20-Poly1305 open. */
function rawHop(wire: Uint8Array, node: NodeIdentity): () => void {
  const len = Buffer.from(wire.buffer, wire.byteOffset, 4).readUInt32LE(0);
  const blob = Buffer.from(wire.subarray(4, 4 + len));
  const eph = Buffer.from((JSON.parse(Buffer.from(wire.subarray(4 + len)).toString()) as { ephemeral_key: string }).ephemeral_key, 'hex');
  const sk = Buffer.from(node.x25519Sk);
  const pk = Buffer.from(node.x25519Pk);
  return () => {
    const shared = Buffer.alloc(32);
    sodium.crypto_scalarmult(shared, sk, eph);
    const key = Buffer.alloc(32);
    sodium.crypto_generichash(key, Buffer.concat([shared, eph, pk]));
    const m = Buffer.alloc(blob.length - 40);
    sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(m, null, blob.subarray(24), null, blob.subarray(0, 24), key);
  };
}

function rawRate(fn: () => void, ms: number): number {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) {
    for (let i = 0; i < 20; i++) fn();
    n += 20;
  }
  return (n * 1000) / (performance.now() - start);
}

type Route = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** The node's router with a stub next hop (answers 200 at once) and nothing else behind it. */
function inProcessRouter(node: NodeIdentity, next: NodeRecord): Route {
  const reply = Buffer.from('ok');
  const peers: PeerClient = {
    post: () => Promise.reject(new Error('not used')),
    forward: () => Promise.resolve({ status: 200, body: reply, contentType: 'text/plain; charset=utf-8' }),
    retain: () => undefined,
    close: () => undefined,
  };
  const metrics = createNodeMetrics();
  const logger = silentLogger();
  const onion = createOnionHandler({
    identity: node,
    ctx: {} as RpcContext,
    findNode: (pk) => (pk === next.ed25519Hex ? next : undefined),
    peers,
    relay: createServerRelay({ timeoutMs: 1000, maxResponseBytes: 1024, maxSockets: 1 }),
    relayAllowed: () => false,
    forwardTimeoutMs: 1000,
    metrics,
    logger,
  });
  return createRouter({
    ctx: {} as RpcContext,
    identity: node,
    rateLimiter: createRateLimiter({ bucketSize: 600, tokensPerSecond: 300, maxClients: 10 }),
    notReadyReason: () => null,
    isKnownNode: () => false,
    receivePush: async () => ok({}),
    onion,
    metrics,
    logger,
    clock: Date.now,
  });
}

/**
 * A stand-in for the request stream: it delivers the body (one chunk, then end) once the route's
 * body reader has attached its listeners — the reader attaches "close" last.
 */
class FakeRequest extends EventEmitter {
  readonly method = 'POST';
  readonly url = '/onion_req/v2';
  readonly complete = true;
  readonly readableEnded = false;
  readonly socket = { remoteAddress: '127.0.0.2' };
  readonly headers: Record<string, string>;
  constructor(private readonly wire: Uint8Array) {
    super();
    this.headers = { 'content-length': String(wire.length) };
  }
  override on(event: string, fn: (...args: any[]) => void): this {
    super.on(event, fn);
    if (event === 'close') {
      queueMicrotask(() => {
        this.emit('data', Buffer.from(this.wire.buffer, this.wire.byteOffset, this.wire.byteLength));
        this.emit('end');
      });
    }
    return this;
  }
}

/** One request through the router: a body in, a response object out (no sockets, no parsing). */
function callRoute(route: Route, wire: Uint8Array): Promise<number> {
  return new Promise((resolve, reject) => {
    let status = 0;
    const res = {
      headersSent: false,
      writableEnded: false,
      writeHead(s: number) {
        status = s;
        this.headersSent = true;
      },
      end() {
        this.writableEnded = true;
        resolve(status);
      },
      once: () => res,
    };
    route(new FakeRequest(wire) as unknown as IncomingMessage, res as unknown as ServerResponse).catch(reject);
  });
}

async function routeRate(route: Route, wires: readonly Uint8Array[], ms: number): Promise<{ rate: number; errors: number }> {
  const end = performance.now() + ms;
  const start = performance.now();
  let done = 0;
  let errors = 0;
  let k = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      for (let guard = 0; guard < 10_000_000 && performance.now() < end; guard++) {
        const status = await callRoute(route, wires[k++ % wires.length]!);
        if (status === 200) done++;
        else errors++;
      }
    }),
  );
  return { rate: (done * 1000) / (performance.now() - start), errors };
}

async function hopRate(): Promise<string[][]> {
  const node = identityFromSeed(new Uint8Array(32).fill(1));
  const next = identityFromSeed(new Uint8Array(32).fill(2));
  const dest = identityFromSeed(new Uint8Array(32).fill(3));
  const wires = Array.from({ length: 256 }, () => build([hopOf(node), hopOf(next)], hopOf(dest), randomBytes(PAYLOAD_BYTES)).wire);
  const route = inProcessRouter(node, { ed25519Hex: next.ed25519Hex, x25519Hex: next.x25519Hex, ip: '127.0.0.1', port: 1, swarmId: 0n });
  const raw = rawHop(wires[0]!, node);
  rawRate(raw, 200);
  await routeRate(route, wires, 500);
  const raws: number[] = [];
  const hops: number[] = [];
  const ratios: number[] = [];
  let errors = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const a = rawRate(raw, ROUND_MS);
    const b = await routeRate(route, wires, ROUND_MS);
    raws.push(a);
    hops.push(b.rate);
    ratios.push(b.rate / a);
    errors += b.errors;
  }
  const ratio = median(ratios);
  return [
    ['raw hop primitives (X25519 + BLAKE2b + XChaCha20-Poly1305 open, 1 KB)', `${median(raws).toFixed(0)}/s`, '1.00', ''],
    [
      `hop through the /onion_req/v2 route handler (peel + forward + reply, ${IN_FLIGHT} in flight)${errors > 0 ? ` (${errors} non-200)` : ''}`,
      `${median(hops).toFixed(0)}/s`,
      ratio.toFixed(2),
      `≥ 0.50 ${ratio >= 0.5 ? '✓' : '✗'}`,
    ],
  ];
}

// ------------------------------------------------------------------ processes

/**
 * A bare HTTPS server: answers 200 "ok", or with NEXT set, forwards each body to 127.0.0.1:NEXT
 * over a keep-alive agent and relays the answer (the floor of a hop: no crypto, no parsing).
 */
const SINK = `
import { Agent, createServer, request } from 'node:https';
import { readFileSync } from 'node:fs';
const next = Number(process.env.NEXT ?? 0);
const agent = new Agent({ keepAlive: true, maxSockets: 32, rejectUnauthorized: false });
const s = createServer({ key: readFileSync(process.env.KEY), cert: readFileSync(process.env.CERT), keepAliveTimeout: 65000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    if (next === 0) { res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 2 }); res.end('ok'); return; }
    const body = Buffer.concat(chunks);
    const out = request({ host: '127.0.0.1', port: next, path: req.url, method: 'POST', agent, headers: { 'content-length': String(body.length) } }, (r) => {
      const cs = [];
      r.on('data', (c) => cs.push(c));
      r.on('end', () => { const b = Buffer.concat(cs); res.writeHead(r.statusCode, { 'Content-Length': b.length }); res.end(b); });
    });
    out.end(body);
  });
});
s.on('connection', (c) => c.setNoDelay(true));
s.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('sink listening\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

/**
 * A bare framed forwarder: HTTPS and, by ALPN hush-onion/1 on the same port, the hop link's
 * frames (u32 id, u32 length, body); answers "ok", or with NEXT set forwards each body to
 * 127.0.0.1:NEXT over one persistent framed TLS link (the floor of a node's hop over links).
 */
const FRAMED = `
import { createServer } from 'node:https';
import { connect } from 'node:tls';
import { readFileSync } from 'node:fs';
const next = Number(process.env.NEXT ?? 0);
const ALPN = 'hush-onion/1';
const reader = (onFrame) => { let buf = Buffer.alloc(0); return (c) => {
  buf = buf.length === 0 ? c : Buffer.concat([buf, c]);
  while (buf.length >= 8) { const len = buf.readUInt32LE(4); if (buf.length < 8 + len) break; onFrame(buf.readUInt32LE(0), buf.subarray(8, 8 + len)); buf = buf.subarray(8 + len); }
}; };
const frame = (id, body) => { const f = Buffer.allocUnsafe(8 + body.length); f.writeUInt32LE(id, 0); f.writeUInt32LE(body.length, 4); body.copy(f, 8); return f; };
let link = null; let seq = 0; const pending = new Map();
const send = (body) => {
  if (link === null) {
    link = connect({ host: '127.0.0.1', port: next, ALPNProtocols: [ALPN], rejectUnauthorized: false });
    link.setNoDelay(true);
    link.on('data', reader((id, b) => { const r = pending.get(id); pending.delete(id); r?.(Buffer.from(b)); }));
  }
  return new Promise((r) => { const id = ++seq >>> 0; pending.set(id, r); link.write(frame(id, body)); });
};
const answer = (body) => (next === 0 ? Promise.resolve(Buffer.from('ok')) : send(body));
const s = createServer({ key: readFileSync(process.env.KEY), cert: readFileSync(process.env.CERT), keepAliveTimeout: 65000, ALPNProtocols: [ALPN, 'http/1.1'] }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => answer(Buffer.concat(chunks)).then((b) => { res.writeHead(200, { 'Content-Length': b.length }); res.end(b); }));
});
const http = s.listeners('secureConnection');
s.removeAllListeners('secureConnection');
s.on('secureConnection', (t) => {
  if (t.alpnProtocol !== ALPN) { for (const l of http) l.call(s, t); return; }
  t.on('data', reader((id, body) => answer(Buffer.from(body)).then((b) => t.write(frame(id, b)))));
});
s.on('connection', (c) => c.setNoDelay(true));
s.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('sink listening\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

function startSink(certDir: string, port: number, next = 0, script = SINK): Promise<ChildProcess> {
  const env = { ...process.env, KEY: join(certDir, TLS_KEY_FILE), CERT: join(certDir, TLS_CERT_FILE), PORT: String(port), NEXT: String(next) };
  return startProcess(['--input-type=module', '-e', script], /sink listening/, env);
}

function post(port: number, path: string, body: Uint8Array, agent: Agent | false): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'POST', agent, rejectUnauthorized: false, headers: { 'content-length': String(body.length) }, timeout: 10_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', () => resolve({ status: 0, body: Buffer.alloc(0) }));
      },
    );
    req.on('error', () => resolve({ status: 0, body: Buffer.alloc(0) }));
    req.on('timeout', () => req.destroy());
    req.end(body);
  });
}

/** Context row: one node process forwarding over HTTPS to a sink, keep-alive clients. */
async function httpsHopRate(certDir: string): Promise<string[][]> {
  const [node] = await bench.makeNodes(1, certDir, 0x40);
  const sinkPort = await freePort();
  const sinkId = identityFromSeed(new Uint8Array(32).fill(9));
  const devnet = writeDevnetFile([node!, { identity: sinkId, port: sinkPort }]);
  await startSink(certDir, sinkPort);
  const proc = await startNode(node!, devnet);
  const wires = Array.from({ length: 256 }, () => build([hopOf(node!.identity), hopOf(sinkId)], hopOf(identityFromSeed(new Uint8Array(32).fill(3))), randomBytes(PAYLOAD_BYTES)).wire);
  const agents = Array.from({ length: 16 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  const run = async (ms: number): Promise<{ rate: number; errors: number }> => {
    const end = Date.now() + ms;
    let done = 0;
    let errors = 0;
    let k = 0;
    await Promise.all(
      agents.map(async (agent) => {
        for (let guard = 0; guard < 1_000_000 && Date.now() < end; guard++) {
          const r = await post(node!.port, '/onion_req/v2', wires[k++ % wires.length]!, agent);
          if (r.status === 200) done++;
          else errors++;
        }
      }),
    );
    return { rate: (done * 1000) / ms, errors };
  };
  await run(2000);
  const rates: number[] = [];
  let errors = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const x = await run(1000);
    rates.push(x.rate);
    errors += x.errors;
  }
  for (const a of agents) a.destroy();
  proc.kill('SIGTERM');
  return [[`context: hop over HTTPS (node process → bare HTTPS sink: the forward to peers without links; 16 keep-alive clients)${errors > 0 ? ` (${errors} non-200)` : ''}`, `${median(rates).toFixed(0)}/s`, '', '']];
}

// ------------------------------------------------------------------ 2. latency

/** Timings of `a` and `b` run one at a time, alternating (order flipped each pair), bounded in count and time. */
/** `count` calls of `send`, 8 at a time (bounded by count). */
async function burst(count: number, send: (agent: Agent) => Promise<void>): Promise<void> {
  const agents = Array.from({ length: 8 }, () => new Agent({ keepAlive: true, maxSockets: 1 }));
  let left = count;
  await Promise.all(
    agents.map(async (agent) => {
      while (left-- > 0) await send(agent);
    }),
  );
  for (const agent of agents) agent.destroy();
}

/** Warm-up bursts for both sides (see WARMUP_BURST), then untimed pairs, then timed pairs. */
async function alternate(a: () => Promise<number>, b: () => Promise<number>, warmA: (agent: Agent) => Promise<void>, warmB: (agent: Agent) => Promise<void>): Promise<[number[], number[]]> {
  await burst(WARMUP_BURST, warmA);
  await burst(WARMUP_BURST, warmB);
  for (let i = 0; i < WARMUP_PAIRS; i++) {
    await a();
    await b();
  }
  const as: number[] = [];
  const bs: number[] = [];
  const deadline = Date.now() + LATENCY_BUDGET_MS;
  for (let i = 0; i < LATENCY_SAMPLES && Date.now() < deadline; i++) {
    if (i % 2 === 0) {
      as.push(await a());
      bs.push(await b());
    } else {
      bs.push(await b());
      as.push(await a());
    }
  }
  return [as, bs];
}

async function timed(port: number, path: string, body: Uint8Array, check: (r: { status: number; body: Buffer }) => boolean): Promise<number> {
  const t = performance.now();
  const r = await post(port, path, body, false);
  if (!check(r)) throw new Error(`${path}: status ${r.status}`);
  return performance.now() - t;
}

const ms = (x: number): string => x.toFixed(2);

async function latency(certDir: string): Promise<string[][]> {
  const nodes = await bench.makeNodes(4, certDir, 0x40);
  const devnet = writeDevnetFile(nodes);
  const procs = await Promise.all(nodes.map((n) => startNode(n, devnet)));
  const [h1, h2, h3, d] = nodes as [BenchNode, BenchNode, BenchNode, BenchNode];
  const info = utf8('{"method":"info","params":{}}');
  const direct = () => timed(d.port, '/storage_rpc/v1', info, (r) => r.status === 200);
  // The client's own request builder, with its pool of layer keys made between requests (refilled
  // after each reply, as the client's onion sender does).
  const path = { id: 1, nodes: [h1, h2, h3].map(serviceNodeOf) };
  const target = { kind: 'node' as const, node: serviceNodeOf(d) };
  const pool = createLayerKeyPool(systemRandom, systemClock);
  const onion = async (): Promise<number> => {
    const t = performance.now();
    const built = buildClientRequest(systemRandom, path, target, info, 'xchacha20', pool);
    const r = await post(h1.port, '/onion_req/v2', built.wire, false);
    if (r.status !== 200 || decryptOnionResponseV3(r.body, built.destinationKey, 'xchacha20').status !== 200) throw new Error(`onion info: ${r.status}`);
    const elapsed = performance.now() - t;
    setTimeout(pool.refill, 0);
    return elapsed;
  };
  const warmDirect = async (agent: Agent): Promise<void> => void (await post(d.port, '/storage_rpc/v1', info, agent));
  const warmOnion = async (agent: Agent): Promise<void> => {
    const built = buildClientRequest(systemRandom, path, target, info, 'xchacha20', pool);
    const r = await post(h1.port, '/onion_req/v2', built.wire, agent);
    if (r.status === 200) decryptOnionResponseV3(r.body, built.destinationKey, 'xchacha20');
    setTimeout(pool.refill, 0);
  };
  const [ds, os] = await alternate(direct, onion, warmDirect, warmOnion);
  for (const p of procs) p.kill('SIGTERM');
  const ratio = percentile(os, 50) / percentile(ds, 50);
  return [
    [`info direct to the node, new TLS connection each (n=${ds.length}) p50 / p95 ms`, `${ms(percentile(ds, 50))} / ${ms(percentile(ds, 95))}`, '1.00', ''],
    [`info through 3 hops to the same node (hop links), new TLS connection to hop 1 each (n=${os.length}) p50 / p95 ms`, `${ms(percentile(os, 50))} / ${ms(percentile(os, 95))}`, `${ratio.toFixed(2)} (p50)`, `≤ 1.80 ${ratio <= 1.8 ? '✓' : '✗'}`],
    ...(await floor(certDir, SINK, 'HTTPS forwarders (https.request, keep-alive agents)')),
    ...(await floor(certDir, FRAMED, 'framed forwarders (persistent TLS links, like the nodes)')),
  ];
}

/** The floor on this machine: the same 4-process topology of bare forwarders (no crypto, no parsing) vs the bare server. */
async function floor(certDir: string, script: string, what: string): Promise<string[][]> {
  const ports = await Promise.all([0, 1, 2, 3].map(() => freePort()));
  const bare = [await startSink(certDir, ports[3]!, 0, script)];
  for (let i = 2; i >= 0; i--) bare.push(await startSink(certDir, ports[i]!, ports[i + 1]!, script));
  const info = utf8('{"method":"info","params":{}}');
  const ok = (r: { status: number }) => r.status === 200;
  const warm = (port: number) => async (agent: Agent): Promise<void> => void (await post(port, '/', info, agent));
  const [bd, bc] = await alternate(() => timed(ports[3]!, '/', info, ok), () => timed(ports[0]!, '/', info, ok), warm(ports[3]!), warm(ports[0]!));
  for (const p of bare) p.kill('SIGTERM');
  const bareRatio = percentile(bc, 50) / percentile(bd, 50);
  return [
    [`context: bare server, same request pattern (n=${bd.length}) p50 / p95 ms`, `${ms(percentile(bd, 50))} / ${ms(percentile(bd, 95))}`, '1.00', ''],
    [`context: 3 bare ${what} to it, same topology (n=${bc.length}) p50 / p95 ms`, `${ms(percentile(bc, 50))} / ${ms(percentile(bc, 95))}`, `${bareRatio.toFixed(2)} (p50)`, ''],
  ];
}

// ------------------------------------------------------------------ main

async function main(): Promise<string> {
  const certDir = mkdtempSync(join(root, 'cert-'));
  await loadOrCreateTlsMaterial(certDir);
  const rows = ONLY === 'latency' ? [] : [...(await hopRate()), ...(await httpsHopRate(certDir))];
  for (const p of [...children]) p.kill('SIGTERM');
  rows.push(...(await latency(certDir)));
  const table = ['| measure | value | ratio | target |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return (
    `${table}\n\nHop rate: median of ${ROUNDS} interleaved ${ROUND_MS} ms rounds (raw, then the route handler). ` +
    `Latency: after ${WARMUP_BURST} keep-alive warm-up requests per side (8 in flight) and ${WARMUP_PAIRS} untimed pairs, ` +
    `${LATENCY_SAMPLES} sequential requests each, direct and 3-hop alternating; every node a separate process on loopback, ` +
    `hops connected by hop links (persistent TLS, ALPN hush-onion/1). ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}.\n`
  );
}

await bench.run(main);
