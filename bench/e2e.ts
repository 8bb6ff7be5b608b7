/**
 * `npm run bench -- e2e`: two clients on a 12-node devnet (registry + node processes, 3-hop onion
 * paths over HTTPS), both online.
 *  1. Delivery latency: from `send()` to the recipient's `message` handler, one message at a time
 *     (the next goes when the previous arrived), p50/p95 over HUSH_BENCH_MESSAGES (default 200).
 *     Target p50 ≤ 300 ms (Session's desktop client polls every 5 s). Baseline in the same run: one
 *     onion round trip (`info` through 3 hops) — a delivery needs at least the store's round trip
 *     plus the swarm fan-out plus the long-poll's answer.
 *  2. Sustained sends: messages per second one client stores (8 sends in flight, for a fixed
 *     time), next to `info` onion requests per second with the same concurrency.
 * Bounded in count and time. Prints a markdown table.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '@hush/core';
import { startDevnet } from '@hush/devnet';
import { createClient, createOnionClient, type HushClient } from '../packages/client/src/index.ts';

const MESSAGES = Number(process.env['HUSH_BENCH_MESSAGES'] ?? 200);
const THROUGHPUT_MS = Number(process.env['HUSH_BENCH_SECONDS'] ?? 10) * 1000;
const IN_FLIGHT = 8;
const root = mkdtempSync(join(tmpdir(), 'hush-bench-e2e-'));

const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length - 1) * p))] ?? NaN;
};
const fmt = (n: number): string => n.toFixed(1);

async function deliveryLatencies(a: HushClient, b: HushClient, count: number): Promise<number[]> {
  const waiting = new Map<string, (t: number) => void>();
  b.on('message', (m) => waiting.get(m.text)?.(performance.now()));
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const text = `latency ${i} ${Math.random()}`;
    const arrived = new Promise<number>((resolve, reject) => {
      waiting.set(text, resolve);
      setTimeout(() => reject(new Error(`message ${i} did not arrive in 20 s`)), 20_000).unref();
    });
    const began = performance.now();
    await a.send(b.sessionId, text);
    out.push((await arrived) - began);
    waiting.delete(text);
  }
  return out;
}

async function sustained(work: () => Promise<unknown>, ms: number): Promise<number> {
  const end = performance.now() + ms;
  let done = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < end) {
      await work();
      done++;
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return (done * 1000) / (performance.now() - began);
}

async function main(): Promise<void> {
  const devnet = await startDevnet({ nodes: 12, dir: join(root, 'devnet'), basePort: 10_000 + Math.floor(Math.random() * 20_000), log: () => {}, readyTimeoutMs: 90_000 });
  const clients: HushClient[] = [];
  const onion = createOnionClient({ network: devnet.devnetFile });
  try {
    const a = await createClient({ dataDir: join(root, 'a'), network: devnet.devnetFile, seed: randomBytes(16) });
    const b = await createClient({ dataDir: join(root, 'b'), network: devnet.devnetFile, seed: randomBytes(16) });
    clients.push(a, b);
    await onion.start();
    const target = onion.nodes()[0]!;
    const info = (): Promise<unknown> => onion.request(target, { method: 'info', params: {} });
    await deliveryLatencies(a, b, 10); // warm-up: paths, TLS sessions, long-poll running
    const rtt: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      await info();
      rtt.push(performance.now() - t);
    }
    const lat = await deliveryLatencies(a, b, MESSAGES);
    const infoRate = await sustained(info, THROUGHPUT_MS / 2);
    const sendRate = await sustained(() => a.send(b.sessionId, 'throughput'), THROUGHPUT_MS);
    const rows = [
      ['one onion round trip (`info`, 3 hops), n=50, p50 / p95 ms', `${fmt(pct(rtt, 0.5))} / ${fmt(pct(rtt, 0.95))}`, '1.00', ''],
      [`delivery send() → recipient handler, n=${MESSAGES}, p50 / p95 ms`, `${fmt(pct(lat, 0.5))} / ${fmt(pct(lat, 0.95))}`, `${(pct(lat, 0.5) / pct(rtt, 0.5)).toFixed(2)} (p50)`, `p50 ≤ 300 ms ${pct(lat, 0.5) <= 300 ? '✓' : '✗'}`],
      [`onion \`info\` requests/s, ${IN_FLIGHT} in flight`, infoRate.toFixed(0), '1.00', ''],
      [`messages sent and stored/s by one client (+ sync copy), ${IN_FLIGHT} in flight`, sendRate.toFixed(0), (sendRate / infoRate).toFixed(2), ''],
    ];
    console.log('| measure | value | ratio | target |\n|---|---|---|---|');
    for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  } finally {
    await Promise.all(clients.map((c) => c.close()));
    await onion.stop();
    await devnet.stop();
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
