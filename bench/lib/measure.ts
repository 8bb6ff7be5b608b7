/**
 * Interleaved micro-benchmarking: the machine is shared and noisy, so each pair (ours, baseline)
 * is measured in alternating short rounds and the reported ratio is the median of per-round ratios.
 */
export interface PairResult {
  readonly name: string;
  readonly baselineName: string;
  readonly opsPerSec: number;
  readonly baselineOpsPerSec: number;
  /** Median over rounds of (our time per op / baseline time per op); lower is better, 1.0 = equal. */
  readonly costRatio: number;
}

function opsPerSecond(fn: () => void, minMs: number): number {
  let n = 0;
  const start = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 50; i++) fn();
    n += 50;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  }
  return (n * 1000) / elapsed;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function comparePair(
  name: string,
  ours: () => void,
  baselineName: string,
  baseline: () => void,
  opts: { rounds?: number; roundMs?: number } = {},
): PairResult {
  const rounds = opts.rounds ?? 9;
  const roundMs = opts.roundMs ?? 200;
  opsPerSecond(ours, 50);
  opsPerSecond(baseline, 50);
  const ratios: number[] = [];
  const oursOps: number[] = [];
  const baseOps: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const b = opsPerSecond(baseline, roundMs);
    const o = opsPerSecond(ours, roundMs);
    baseOps.push(b);
    oursOps.push(o);
    ratios.push(b / o);
  }
  return { name, baselineName, opsPerSec: median(oursOps), baselineOpsPerSec: median(baseOps), costRatio: median(ratios) };
}

export function pairTable(results: readonly PairResult[], targets: ReadonlyMap<string, number>): string {
  const lines = [
    '| operation | ops/s | raw primitives | raw ops/s | cost ratio | target |',
    '|---|---:|---|---:|---:|---:|',
  ];
  for (const r of results) {
    const t = targets.get(r.name);
    const verdict = t === undefined ? '' : `≤ ${t.toFixed(2)}× ${r.costRatio <= t ? '✓' : '✗'}`;
    lines.push(
      `| ${r.name} | ${Math.round(r.opsPerSec)} | ${r.baselineName} | ${Math.round(r.baselineOpsPerSec)} | ${r.costRatio.toFixed(3)}× | ${verdict} |`,
    );
  }
  return lines.join('\n');
}
