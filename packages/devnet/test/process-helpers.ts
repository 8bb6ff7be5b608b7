/** Helpers for checking what processes a devnet left running. */
import { readdirSync, readFileSync } from 'node:fs';

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function waitFor(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return cond();
}

/** Pids of processes whose command line mentions `text` (e.g. a devnet dir), from /proc. */
export function pidsUsing(text: string): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) out.push(Number(entry));
    } catch {
      // the process ended meanwhile
    }
  }
  return out;
}

/** Pids listed in the last column of the devnet's table. */
export function pidsFromTable(text: string): number[] {
  return [...text.matchAll(/^\d+\s+127\.\S+\s+\d+\s+[0-9a-f]{16}\s+[0-9a-f]{64}\s+(\d+)$/gm)].map((m) => Number(m[1]));
}
