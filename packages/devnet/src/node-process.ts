/**
 * One service node as a child process: `node [--import tsx] --import exit-with-parent.mjs <entry>
 * <args>` (tsx only for a TypeScript entry; the devnet's own nodes run the JavaScript build),
 * stdout and stderr appended to a log file, stdin a pipe held by this process (closing it — or
 * this process dying — makes the node exit).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readSync, fstatSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LOG_TAIL_BYTES } from './limits.ts';

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface NodeProcess {
  readonly pid: number;
  readonly logPath: string;
  /** Undefined while running. */
  exitInfo(): ExitInfo | undefined;
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs: number): Promise<void>;
  /** Immediate SIGKILL (for exit handlers, which cannot wait). */
  killNow(): void;
}

export interface SpawnNodeOptions {
  readonly entry: string;
  readonly args: readonly string[];
  readonly cwd: string;
  readonly logPath: string;
  readonly env?: NodeJS.ProcessEnv;
}

const PRELOAD = fileURLToPath(new URL('./exit-with-parent.mjs', import.meta.url));

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

function watchExit(child: ChildProcess): { exited: Promise<ExitInfo>; info: () => ExitInfo | undefined } {
  let info: ExitInfo | undefined;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      info = { code, signal };
      resolve(info);
    });
    child.once('error', () => {
      info ??= { code: null, signal: null };
      resolve(info);
    });
  });
  return { exited, info: () => info };
}

export function spawnNode(options: SpawnNodeOptions): NodeProcess {
  const log = openSync(options.logPath, 'a');
  let child: ChildProcess;
  try {
    const loader = options.entry.endsWith('.ts') ? ['--import', 'tsx'] : [];
    child = spawn(process.execPath, [...loader, '--import', PRELOAD, options.entry, ...options.args], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', log, log],
    });
  } finally {
    closeSync(log);
  }
  child.stdin?.on('error', () => {}); // EPIPE once the node is gone is expected
  const { exited, info } = watchExit(child);
  const signal = (sig: NodeJS.Signals): void => {
    if (info() === undefined) child.kill(sig);
  };
  const stop = async (graceMs: number): Promise<void> => {
    signal('SIGTERM');
    child.stdin?.end();
    await Promise.race([exited, sleep(graceMs)]);
    signal('SIGKILL');
    await exited;
  };
  return { pid: child.pid ?? -1, logPath: options.logPath, exitInfo: info, exited, stop, killNow: () => signal('SIGKILL') };
}

/** The last `LOG_TAIL_BYTES` of a log file ('' if unreadable). */
export function logTail(path: string): string {
  try {
    const fd = openSync(path, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, LOG_TAIL_BYTES);
      const buf = Buffer.alloc(length);
      readSync(fd, buf, 0, length, size - length);
      return buf.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return '';
  }
}
