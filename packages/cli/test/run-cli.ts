/** Test helpers: run the real `hush` binary as a child process, or `main` in-process. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { main } from '../src/main.ts';
import type { InputStream } from '../src/context.ts';

export const BIN = fileURLToPath(new URL('../bin/hush.js', import.meta.url));

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly cwd?: string;
  /** Extra environment; HUSH_DATA_DIR is removed from the inherited one unless given here. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed (closed at once when absent). */
  readonly input?: string;
  readonly home?: string;
}

function childEnv(options: RunOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...options.env };
  if (options.env?.['HUSH_DATA_DIR'] === undefined) delete env['HUSH_DATA_DIR'];
  if (options.home !== undefined) env['HOME'] = options.home;
  return env;
}

/** Runs `node bin/hush.js ...args` and collects its output (30 s timeout). */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? process.cwd(), env: childEnv(options) });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.on('error', () => {}); // the CLI may exit without reading its input
    child.stdin.end(options.input ?? '');
  });
}

/** A fresh temporary directory, removed by the returned cleanup. */
export async function tempDir(prefix = 'hush-cli-'): Promise<{ path: string; cleanup: () => Promise<void> }> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  return { path, cleanup: () => rm(path, { recursive: true, force: true }) };
}

function collector(): { stream: Writable; text: () => string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}

export interface InProcessOptions {
  readonly stdin?: InputStream;
  readonly env?: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly homedir?: string;
}

/** Runs `main` in this process with captured streams (fast; for argument and help tests). */
export async function runMain(argv: readonly string[], options: InProcessOptions = {}): Promise<CliResult> {
  const out = collector();
  const err = collector();
  const code = await main(argv, {
    stdin: options.stdin ?? Readable.from([]),
    stdout: out.stream,
    stderr: err.stream,
    env: options.env ?? {},
    cwd: options.cwd ?? '/nonexistent-cwd',
    homedir: options.homedir ?? '/nonexistent-home',
    onStopSignal: () => () => undefined, // in-process runs never receive a stop signal
  });
  return { code, stdout: out.text(), stderr: err.text() };
}
