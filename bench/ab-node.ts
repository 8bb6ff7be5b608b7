/**
 * A/B aid (not a benchmark of record): two node builds side by side with the hello-world floor, in
 * interleaved 1 s rounds (as `npm run bench -- node`), printing each one's median ratio to the
 * floor and its CPU per request (every thread of the process, /proc/<pid>/task/<tid>/stat).
 *   HUSH_AB_A / HUSH_AB_B  entry files (.ts runs under tsx; anything else is run as is)
 *   HUSH_AB_A_ARGS / HUSH_AB_B_ARGS  extra node arguments (space separated)
 *   node --import tsx bench/ab-node.ts [conns=32] [rounds=7]
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import type { Agent } from 'node:https';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { HELLO_READY, HELLO_SERVER, helloBody, retrieveBodyFactory, storeBody, threadTicks, loadAgents, postRpc } from './lib/node-load.ts';
import { ROOT, createBenchWorkspace, type BenchNode } from './lib/processes.ts';

/** CPU ticks of every thread of `pid`. */
const ticks = (pid: number): number => [...threadTicks(pid).values()].reduce((a, b) => a + b, 0);
import { TLS_CERT_FILE, TLS_KEY_FILE, loadOrCreateTlsMaterial } from '../packages/node/src/http/tls-cert.ts';

const conns = Number(process.argv[2] ?? 32);
const rounds = Number(process.argv[3] ?? 7);
const bench = createBenchWorkspace('hush-ab-node-');



interface Target {
  readonly name: string;
  readonly port: number;
  readonly pid: number;
  readonly body: () => Buffer;
  readonly agents: Agent[];
  readonly rps: number[];
  readonly cpu: number[];
  errors: number;
}

function target(name: string, port: number, pid: number, body: () => Buffer): Target {
  const agents = loadAgents(conns);
  return { name, port, pid, body, agents, rps: [], cpu: [], errors: 0 };
}

async function round(t: Target, ms: number, record: boolean): Promise<void> {
  const t0 = ticks(t.pid);
  const end = Date.now() + ms;
  let ok = 0;
  await Promise.all(
    t.agents.map(async (agent) => {
      while (Date.now() < end) {
        const status = await postRpc(agent, t.port, t.body());
        if (Date.now() > end) break;
        if (status === 200) ok++;
        else t.errors++;
      }
    }),
  );
  if (!record) return;
  t.rps.push((ok * 1000) / ms);
  t.cpu.push(((ticks(t.pid) - t0) * 10_000) / Math.max(1, ok));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

function startNode(n: BenchNode, which: 'A' | 'B'): Promise<ChildProcess> {
  const main = process.env[`HUSH_AB_${which}`] ?? (which === 'A' ? '/tmp/hush-base/packages/node/src/main.ts' : join(ROOT, 'packages/node/src/main.ts'));
  const extra = (process.env[`HUSH_AB_${which}_ARGS`] ?? '').split(' ').filter((a) => a !== '');
  const entry = main.endsWith('.ts') ? ['--import', 'tsx', main] : [main];
  return bench.startProcess([...entry, '--data-dir', n.dir, '--port', String(n.port), '--devnet', bench.writeDevnetFile([n]), '--log-level', 'error', ...extra], /"listening"/);
}

async function main(): Promise<string> {
  const load0 = loadavg()[0]!.toFixed(2);
  const certDir = mkdtempSync(join(bench.root, 'cert-'));
  await loadOrCreateTlsMaterial(certDir);
  const [h, a, b] = await bench.makeNodes(3, certDir, 1);
  const hello = await bench.startProcess(['--input-type=module', '-e', HELLO_SERVER], HELLO_READY, {
    ...process.env,
    KEY: join(certDir, TLS_KEY_FILE),
    CERT: join(certDir, TLS_CERT_FILE),
    PORT: String(h!.port),
  });
  const pa = await startNode(a!, 'A');
  const pb = await startNode(b!, 'B');
  const ts = [
    target('floor', h!.port, hello.pid!, helloBody),
    target('A store', a!.port, pa.pid!, storeBody),
    target('B store', b!.port, pb.pid!, storeBody),
    target('A retrieve', a!.port, pa.pid!, retrieveBodyFactory()),
    target('B retrieve', b!.port, pb.pid!, retrieveBodyFactory()),
  ];
  for (const t of ts) await round(t, 2000, false);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < ts.length; i++) await round(ts[(i + r) % ts.length]!, 1000, true);
  const floor = median(ts[0]!.rps);
  const out = ts.map((t) => `${t.name.padEnd(11)} ${median(t.rps).toFixed(0).padStart(6)} req/s  ratio ${(median(t.rps) / floor).toFixed(2)}  cpu ${median(t.cpu).toFixed(0)} µs/req${t.errors > 0 ? `  ${t.errors} non-200` : ''}`);
  return `${conns} conns, ${rounds} rounds, load ${load0} → ${loadavg()[0]!.toFixed(2)}\n${out.join('\n')}\n`;
}

await bench.run(main);
