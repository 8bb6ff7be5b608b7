/**
 * Test helpers for long-running `hush` commands (`node start`, `devnet up`): start the real binary
 * as a child, wait for its output, signal it, and check what is left running.
 */
import { spawn } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
export { freePort } from '../../../test-support/free-port.ts';
import { BIN } from './run-cli.ts';

export interface RunningCli {
  readonly child: ChildProcessWithoutNullStreams;
  readonly stdout: () => string;
  readonly stderr: () => string;
  /** Resolves with stdout once `test` accepts it; rejects on exit or after `ms`. */
  waitForStdout(test: (stdout: string) => boolean, ms: number): Promise<string>;
  /** Resolves with the exit code once the process has exited. */
  readonly exited: Promise<number | null>;
}

export function startCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): RunningCli {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env['HUSH_DATA_DIR'] === undefined) delete childEnv['HUSH_DATA_DIR'];
  const child = spawn(process.execPath, [BIN, ...args], { env: childEnv, stdio: 'pipe' });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForStdout = async (test: (stdout: string) => boolean, ms: number): Promise<string> => {
    const end = Date.now() + ms;
    let done = false;
    void exited.then(() => (done = true));
    while (!test(out)) {
      if (done) throw new Error(`hush ${args.join(' ')} exited early\nstdout: ${out}\nstderr: ${err.slice(-3000)}`);
      if (Date.now() > end) throw new Error(`hush ${args.join(' ')}: no expected output within ${ms} ms\nstdout: ${out}\nstderr: ${err.slice(-3000)}`);
      await sleep(100);
    }
    return out;
  };
  return { child, stdout: () => out, stderr: () => err, waitForStdout, exited };
}

/** Sends `signal` and waits for the exit code (SIGKILL and failure after `ms`). */
export async function stopCli(cli: RunningCli, signal: NodeJS.Signals, ms: number): Promise<number | null> {
  cli.child.kill(signal);
  const timer = setTimeout(() => cli.child.kill('SIGKILL'), ms);
  try {
    return await cli.exited;
  } finally {
    clearTimeout(timer);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Pids of other processes whose command line mentions `text` (a test's temp dir), from /proc. */
export function pidsUsing(text: string): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) found.push(Number(entry));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

export async function waitUntil(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (cond()) return true;
    await sleep(100);
  }
  return cond();
}

