/**
 * Profiling aid (not a benchmark of record): one target process under one kind of load, with the
 * CPU time per request of the target (every thread, from /proc/<pid>/task/<tid>/stat) and of this
 * load generator. `node --import tsx bench/profile-node.ts <mode> [conns] [seconds] [-- node args]`, mode
 * hello, store, retrieve, or ceiling-store / ceiling-retrieve (bench/lib/ceiling-server.mjs, the
 * minimal server of bench/node.ts's ceiling rows);
 * e.g. `... retrieve 32 5 -- --cpu-prof --cpu-prof-dir=/tmp/prof` or `-- --signature-threads 0`.
 * Environment: HUSH_PROFILE_NODE_MAIN = a different entry file for the node (a JS bundle).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { HELLO_READY, HELLO_SERVER, helloBody, retrieveBodyFactory, storeBody, threadTicks, loadAgents, postRpc } from './lib/node-load.ts';
import { ROOT, createBenchWorkspace, freePort, stopProcess } from './lib/processes.ts';
import { TLS_CERT_FILE, TLS_KEY_FILE, loadOrCreateTlsMaterial } from '../packages/node/src/http/tls-cert.ts';

const argv = process.argv.slice(2);
const dash = argv.indexOf('--');
const [mode = 'store', connsArg = '32', secondsArg = '5'] = dash < 0 ? argv : argv.slice(0, dash);
const nodeArgs = dash < 0 ? [] : argv.slice(dash + 1);
const conns = Number(connsArg);
const seconds = Number(secondsArg);
const bench = createBenchWorkspace('hush-prof-node-');
const CLK = 100; // USER_HZ



async function load(port: number, ms: number, body: () => Buffer): Promise<{ ok: number; errors: number }> {
  const agents = loadAgents(conns);
  const end = Date.now() + ms;
  let ok = 0;
  let errors = 0;
  await Promise.all(
    agents.map(async (agent) => {
      while (Date.now() < end) {
        const status = await postRpc(agent, port, body());
        if (status === 200) ok++;
        else errors++;
      }
    }),
  );
  for (const a of agents) a.destroy();
  return { ok, errors };
}

async function main(): Promise<string> {
  const certDir = mkdtempSync(join(bench.root, 'cert-'));
  await loadOrCreateTlsMaterial(certDir);
  let proc: ChildProcess;
  let port: number;
  let metricsPort = 0;
  const commits = async (): Promise<number> => (metricsPort === 0 ? 0 : ((await (await fetch(`http://127.0.0.1:${metricsPort}/status`)).json()) as { storage: { commit_batches: number } }).storage.commit_batches);
  const attach = process.env['HUSH_PROFILE_ATTACH'];
  if (attach !== undefined) {
    const [p, pid] = attach.split(':').map(Number);
    port = p!;
    proc = { pid } as ChildProcess;
  } else if (mode === 'hello') {
    const [n] = await bench.makeNodes(1, certDir, 1);
    port = n!.port;
    proc = await bench.startProcess([...nodeArgs, '--input-type=module', '-e', HELLO_SERVER], HELLO_READY, {
      ...process.env,
      KEY: join(certDir, TLS_KEY_FILE),
      CERT: join(certDir, TLS_CERT_FILE),
      PORT: String(port),
    });
  } else if (mode.startsWith('ceiling-')) {
    const [n] = await bench.makeNodes(1, certDir, 1);
    port = n!.port;
    const script = new URL('./lib/ceiling-server.mjs', import.meta.url).pathname;
    proc = await bench.startProcess([...nodeArgs, script, '--port', String(port), '--data-dir', n!.dir], /ceiling listening/, {
      ...process.env,
      KEY: join(certDir, TLS_KEY_FILE),
      CERT: join(certDir, TLS_CERT_FILE),
    });
  } else {
    const [n] = await bench.makeNodes(1, certDir, 1);
    port = n!.port;
    const devnet = bench.writeDevnetFile([n!]);
    const main = process.env['HUSH_PROFILE_NODE_MAIN'] ?? join(ROOT, 'packages/node/src/main.ts');
    const entry = main.endsWith('.ts') ? ['--import', 'tsx', main] : [main];
    metricsPort = await freePort();
    proc = await bench.startProcess([...nodeArgs.filter((a) => /^--(cpu-prof|perf-|no-opt|max-)/.test(a)), ...entry, '--data-dir', n!.dir, '--port', String(port), '--devnet', devnet, '--log-level', 'error', '--metrics-port', String(metricsPort), ...nodeArgs.filter((a) => !/^--(cpu-prof|perf-|no-opt|max-)/.test(a))], /"listening"/);
  }
  const kind = mode.replace(/^ceiling-/, '');
  const body = kind === 'store' ? storeBody : kind === 'retrieve' ? retrieveBodyFactory() : helloBody;
  if (kind === 'retrieve') await load(port, 500, storeBody);
  await load(port, 2000, body);
  const tracer = process.env['HUSH_PROFILE_STRACE'] === '1' ? spawn('strace', ['-c', '-f', '-p', String(proc.pid)], { stdio: ['ignore', 'ignore', 'pipe'] }) : null;
  let traced = '';
  tracer?.stderr!.setEncoding('utf8').on('data', (d: string) => (traced += d));
  if (tracer !== null) await new Promise((r) => setTimeout(r, 500));
  const commitsBefore = await commits();
  const before = threadTicks(proc.pid!);
  const genBefore = process.cpuUsage();
  const t0 = performance.now();
  const r = await load(port, seconds * 1000, body);
  const wall = performance.now() - t0;
  const gen = process.cpuUsage(genBefore);
  const after = threadTicks(proc.pid!);
  const commitCount = (await commits()) - commitsBefore;
  if (tracer !== null) {
    await new Promise<void>((r) => {
      tracer.once('exit', () => r());
      tracer.kill('SIGINT');
    });
    process.stderr.write(traced);
  }
  if (attach === undefined) await stopProcess(proc);
  const lines: string[] = [];
  let total = 0;
  const byComm = new Map<string, number>();
  for (const [k, v] of after) {
    const d = v - (before.get(k) ?? 0);
    total += d;
    const comm = k;
    byComm.set(comm, (byComm.get(comm) ?? 0) + d);
  }
  const perReq = (ticks: number): string => ((ticks / CLK) * 1e6 / r.ok).toFixed(1);
  lines.push(`${mode} ${conns} conns: ${(r.ok / (wall / 1000)).toFixed(0)} req/s (${r.errors} non-200), load ${loadavg()[0]!.toFixed(2)}`);
  lines.push(`  target CPU µs/req total ${perReq(total)}; ${[...byComm].filter(([, v]) => v > 0).sort((a, b) => b[1] - a[1]).map(([c, v]) => `${c} ${perReq(v)}`).join(', ')}`);
  if (commitCount > 0) lines.push(`  ${commitCount} commits, ${(r.ok / commitCount).toFixed(1)} stores per commit`);
  lines.push(`  generator CPU µs/req ${(((gen.user + gen.system) / r.ok)).toFixed(1)}`);
  return lines.join('\n') + '\n';
}

await bench.run(main);
