/**
 * Profiling aid (not a benchmark of record): one target process under one kind of load, with the
 * CPU time per request of the target (every thread, from /proc/<pid>/task/<tid>/stat) and of this
 * load generator. `node --import tsx bench/profile-node.ts <hello|store|retrieve> [conns] [seconds] [-- node args]`
 * e.g. `... retrieve 32 5 -- --cpu-prof --cpu-prof-dir /tmp/prof` or `-- --signature-threads 0`.
 * Environment: HUSH_PROFILE_NODE_MAIN = a different entry file for the node (a JS bundle).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { edPkToCurve, retrieveSignedString, signDetached, signSeedKeypair, toBase64, toHex } from '@hush/core';
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

function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const s = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      out.set(`${comm}#${tid}`, Number(f[11]) + Number(f[12]));
    } catch {
      /* thread gone */
    }
  }
  return out;
}

const HELLO = `
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
const s = createServer({ key: readFileSync(process.env.KEY), cert: readFileSync(process.env.CERT), keepAliveTimeout: 65000 }, (req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 5 }); res.end('hello'); });
});
s.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('"listening"\\n'));
process.on('SIGTERM', () => process.exit(0));
`;

const user = signSeedKeypair(new Uint8Array(32).fill(0x77));
const sessionId = '05' + toHex(edPkToCurve(user.publicKey));
let counter = 0;
function storeBody(): Buffer {
  const data = Buffer.alloc(1024, 0x61);
  data.writeUInt32BE(counter++, 0);
  return Buffer.from(JSON.stringify({ method: 'store', params: { pubkey: sessionId, namespace: 0, timestamp: Date.now(), ttl: 3_600_000, data: data.toString('base64') } }));
}
let built = 0;
let rbody = Buffer.alloc(0);
function retrieveBody(): Buffer {
  const now = Date.now();
  if (now - built > 20_000) {
    const signature = toBase64(signDetached(retrieveSignedString({ namespace: 0, timestamp: now }), user.secretKey));
    rbody = Buffer.from(JSON.stringify({ method: 'retrieve', params: { pubkey: sessionId, pubkey_ed25519: toHex(user.publicKey), namespace: 0, timestamp: now, signature, max_count: 1 } }));
    built = now;
  }
  return rbody;
}
const helloBody = (): Buffer => Buffer.from('{"method":"info","params":{}}');

function post(agent: Agent, port: number, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/storage_rpc/v1', method: 'POST', agent, headers: { 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

async function load(port: number, ms: number, body: () => Buffer): Promise<{ ok: number; errors: number }> {
  const agents = Array.from({ length: conns }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false, localAddress: `127.0.0.${2 + i}` }));
  const end = Date.now() + ms;
  let ok = 0;
  let errors = 0;
  await Promise.all(
    agents.map(async (agent) => {
      while (Date.now() < end) {
        const status = await post(agent, port, body());
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
    proc = await bench.startProcess([...nodeArgs, '--input-type=module', '-e', HELLO], /"listening"/, {
      ...process.env,
      KEY: join(certDir, TLS_KEY_FILE),
      CERT: join(certDir, TLS_CERT_FILE),
      PORT: String(port),
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
  const body = mode === 'store' ? storeBody : mode === 'retrieve' ? retrieveBody : helloBody;
  if (mode === 'retrieve') await load(port, 500, storeBody);
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
