/**
 * `npm run bench -- node`: throughput of one service node process over HTTPS next to a
 * hello-world HTTPS server (the floor) measured on the same machine in the same run; the cost of
 * swarm fan-out (store into a swarm of 5 node processes vs one node alone); and node RSS idle and
 * holding 100k messages. The load generator runs here with keep-alive agents, one connection per
 * agent, each bound to its own 127.0.0.x source address (the node rate-limits per IP).
 * Targets are measured in interleaved 1 s rounds (HUSH_BENCH_SECONDS rounds each, default 5, after a
 * 3 s warm-up each) so that load drift on a shared machine hits all alike; the median round counts.
 * Context row (32 connections): signed retrieve from a second node started with
 * `--signature-threads 0`, its Ed25519 verifies on the main thread as the single-threaded floor
 * does all of its work — what the signature thread adds to the comparison (1 s of the same stores
 * goes to that node first, outside the timed rounds, so its retrieves read a message too).
 * Ceiling rows: bench/lib/ceiling-server.mjs, a server that does only the benchmark's unavoidable
 * work (parse, hash, a durable SQLite insert in a group commit, an Ed25519-signed result; an
 * Ed25519 verify and one SELECT for retrieve) — how high the ratio can go on this machine with this
 * generator, measured in the same rounds.
 * Every loop is bounded in time and count.
 * Prints a markdown table, with the machine's load average at start and end.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { messageHash } from '@hush/core';
import { HELLO_READY, HELLO_SERVER, benchSessionId, helloBody, retrieveBodyFactory, storeBody, loadAgents, postRpc } from './lib/node-load.ts';
import { ROOT, createBenchWorkspace, freePort, stopProcess, type BenchNode } from './lib/processes.ts';
import { TLS_CERT_FILE, TLS_KEY_FILE, loadOrCreateTlsMaterial } from '../packages/node/src/http/tls-cert.ts';
import { silentLogger } from '../packages/node/src/log/logger.ts';
import { createMessageStore } from '../packages/node/src/storage/message-store.ts';

const SECONDS = Number(process.env['HUSH_BENCH_SECONDS'] ?? 5);
const WARMUP_MS = 3000;
const MAX_REQUESTS_PER_CONNECTION = 2_000_000;
const bench = createBenchWorkspace('hush-bench-node-');
const { root } = bench;

function startNodes(nodes: readonly BenchNode[]): Promise<ChildProcess[]> {
  const devnet = bench.writeDevnetFile(nodes);
  return Promise.all(nodes.map((n) => bench.startNode(n, devnet)));
}

const NODE_MAIN = new URL('../packages/node/src/main.ts', import.meta.url).pathname;
const CEILING = new URL('./lib/ceiling-server.mjs', import.meta.url).pathname;

/** A lone node with its Ed25519 verifies on the main thread (the context row). */
function startInlineNode(n: BenchNode): Promise<ChildProcess> {
  const devnet = bench.writeDevnetFile([n]);
  const args = ['--import', 'tsx', NODE_MAIN, '--data-dir', n.dir, '--port', String(n.port), '--devnet', devnet, '--log-level', 'error', '--signature-threads', '0'];
  return bench.startProcess(args, /"listening"/);
}

const load = (): string => loadavg()[0]!.toFixed(2);


// ------------------------------------------------------------------ processes

function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m === null ? NaN : Number(m[1]) / 1024;
}


// ------------------------------------------------------------------ load generator

interface Round {
  readonly rps: number;
  readonly errors: number;
}

interface Target {
  readonly name: string;
  readonly port: number;
  readonly body: () => Buffer;
  readonly agents: Agent[];
  readonly rounds: Round[];
}


/** A load target: `connections` keep-alive agents of one socket each, from 127.0.0.(2+i). */
function target(name: string, port: number, connections: number, body: () => Buffer): Target {
  const agents = loadAgents(connections);
  return { name, port, body, agents, rounds: [] };
}

/** Every connection loops for `ms`; counts 200s and others. Bounded in time and count. */
async function round(t: Target, ms: number): Promise<Round> {
  const end = Date.now() + ms;
  let ok = 0;
  let errors = 0;
  await Promise.all(
    t.agents.map(async (agent) => {
      for (let n = 0; n < MAX_REQUESTS_PER_CONNECTION && Date.now() < end; n++) {
        const status = await postRpc(agent, t.port, t.body());
        if (Date.now() > end) break;
        if (status === 200) ok++;
        else errors++;
      }
    }),
  );
  return { rps: (ok * 1000) / ms, errors };
}

/**
 * Interleaved measurement: after a warm-up round each, SECONDS rounds of 1 s per target in
 * rotating order, so machine-load drift hits every target alike; the median round counts.
 */
async function compare(targets: readonly Target[]): Promise<void> {
  for (const t of targets) await round(t, WARMUP_MS);
  for (let r = 0; r < SECONDS; r++) {
    for (let i = 0; i < targets.length; i++) {
      const t = targets[(i + r) % targets.length]!;
      t.rounds.push(await round(t, 1000));
    }
  }
  for (const t of targets) for (const a of t.agents) a.destroy();
}

function median(t: Target): Round {
  const sorted = [...t.rounds].sort((a, b) => a.rps - b.rps);
  return { rps: sorted[sorted.length >> 1]?.rps ?? 0, errors: t.rounds.reduce((n, r) => n + r.errors, 0) };
}

// ------------------------------------------------------------------ requests


// ------------------------------------------------------------------ scenario

async function fill(dir: string, total: number): Promise<void> {
  const store = createMessageStore({ dataDir: dir, logger: silentLogger() });
  await store.start();
  const owner = Buffer.from(benchSessionId, 'hex');
  const now = Date.now();
  for (let done = 0; done < total; ) {
    const n = Math.min(5000, total - done);
    const msgs = Array.from({ length: n }, (_, i) => {
      const data = Buffer.alloc(1024, 0x62);
      data.writeUInt32BE(done + i, 0);
      return { owner, namespace: 0, hash: messageHash(owner, 0, data), timestamp: now, expiry: now + 3_600_000, data };
    });
    await store.write({ op: 'bulkStore', msgs });
    done += n;
  }
  await store.stop();
}

async function main(): Promise<string> {
  const loadAtStart = load();
  const certDir = mkdtempSync(join(root, 'cert-'));
  await loadOrCreateTlsMaterial(certDir);
  const [single] = await bench.makeNodes(1, certDir, 1);
  const [inline] = await bench.makeNodes(1, certDir, 0x40);
  const helloPort = await freePort();
  const hello = spawnHello(certDir, helloPort);
  await hello.ready;
  let [nodeProc] = await startNodes([single!]);
  await new Promise((r) => setTimeout(r, 1000));
  const rssIdle = rssMiB(nodeProc!.pid!);
  const inlineProc = await startInlineNode(inline!);
  const [ceiling] = await bench.makeNodes(1, certDir, 0x50);
  const ceilingProc = await bench.startProcess([CEILING, '--port', String(ceiling!.port), '--data-dir', ceiling!.dir], /ceiling listening/, {
    ...process.env,
    KEY: join(certDir, TLS_KEY_FILE),
    CERT: join(certDir, TLS_CERT_FILE),
  });
  const fillInline = target('fill', inline!.port, 8, storeBody); // its retrieves then read a message, as the main node's do
  await round(fillInline, 1000);
  for (const a of fillInline.agents) a.destroy();

  const rows: string[][] = [];
  const fmt = (r: Round): string => `${r.rps.toFixed(0)}${r.errors > 0 ? ` (${r.errors} non-200)` : ''}`;
  for (const c of [32, 64]) {
    const ts = [
      target('floor', helloPort, c, helloBody),
      target('store', single!.port, c, storeBody),
      target('retrieve', single!.port, c, retrieveBodyFactory()),
      target('ceiling store', ceiling!.port, c, storeBody),
      target('ceiling retrieve', ceiling!.port, c, retrieveBodyFactory()),
    ];
    if (c === 32) ts.push(target('retrieve inline', inline!.port, c, retrieveBodyFactory()));
    await compare(ts);
    const [floor, store, retrieve, ceilingStore, ceilingRetrieve, retrieveInline] = ts.map(median) as [Round, Round, Round, Round, Round, Round?];
    const ratio = (r: Round): string => (r.rps / floor.rps).toFixed(2);
    rows.push([`hello-world HTTPS (floor), ${c} conns`, fmt(floor), '1.00', '']);
    rows.push([`store 1 KB ns 0, ${c} conns`, fmt(store), ratio(store), '≥ 0.5']);
    rows.push([`signed retrieve, ${c} conns`, fmt(retrieve), ratio(retrieve), '≥ 0.5']);
    rows.push([`ceiling: minimal durable store server, ${c} conns`, fmt(ceilingStore), ratio(ceilingStore), '']);
    rows.push([`ceiling: minimal signed retrieve server, ${c} conns`, fmt(ceilingRetrieve), ratio(ceilingRetrieve), '']);
    rows.push([`node ÷ ceiling: store, retrieve, ${c} conns`, '', `${(store.rps / ceilingStore.rps).toFixed(2)}, ${(retrieve.rps / ceilingRetrieve.rps).toFixed(2)}`, '']);
    if (retrieveInline !== undefined) {
      rows.push([`context: signed retrieve, verify on the main thread (--signature-threads 0), ${c} conns`, fmt(retrieveInline), ratio(retrieveInline), '']);
    }
  }
  await stopProcess(hello.proc);
  await stopProcess(ceilingProc);
  await stopProcess(inlineProc);

  const swarm = await bench.makeNodes(5, certDir, 1);
  const swarmProcs = await startNodes(swarm);
  const fan = [target('alone', single!.port, 32, storeBody), target('swarm', swarm[0]!.port, 32, storeBody)];
  await compare(fan);
  const [alone, inSwarm] = fan.map(median) as [Round, Round];
  rows.push(['store alone (same rounds as below), 32 conns', fmt(alone), '', '']);
  rows.push(['store into a swarm of 5 (fan-out), 32 conns', fmt(inSwarm), `${(inSwarm.rps / alone.rps).toFixed(2)} of alone`, '']);
  await Promise.all(swarmProcs.map(stopProcess));
  await stopProcess(nodeProc!);

  await fill(single!.dir, 100_000);
  [nodeProc] = await startNodes([single!]);
  await round(target('retrieve', single!.port, 8, retrieveBodyFactory()), 1000);
  const rssFull = rssMiB(nodeProc!.pid!);
  await stopProcess(nodeProc!);
  rows.push(['node RSS idle (MiB)', rssIdle.toFixed(0), '', '']);
  rows.push(['node RSS holding 100k messages (MiB)', rssFull.toFixed(0), '', '']);

  const table = ['| measure | req/s or value | ratio | target |', '|---|---|---|---|', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  return (
    `${table}\n\nMedian of ${SECONDS} interleaved 1 s rounds per target (after a ${WARMUP_MS / 1000} s warm-up each); ` +
    `${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}. Load generator in the bench process, ` +
    `each connection from its own 127.0.0.x; the swarm's 5 node processes share these CPUs and one disk (5 fsyncs per store). ` +
    `Load average (1 min) ${loadAtStart} at start, ${load()} at end.\n`
  );
}

function spawnHello(certDir: string, port: number): { proc: ChildProcess; ready: Promise<void> } {
  const proc = spawn(process.execPath, ['--input-type=module', '-e', HELLO_SERVER], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, KEY: join(certDir, TLS_KEY_FILE), CERT: join(certDir, TLS_CERT_FILE), PORT: String(port) },
  });
  bench.track(proc);
  const ready = new Promise<void>((resolve, reject) => {
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => HELLO_READY.test(d) && resolve());
    proc.once('exit', (code) => reject(new Error(`hello server exited ${code}`)));
  });
  return { proc, ready };
}

await bench.run(main);
