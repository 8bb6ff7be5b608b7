/**
 * Child processes and node fixtures shared by the benchmarks that run real service nodes: a temp
 * workspace, free ports, processes started until they print a ready line, node data dirs with a
 * shared TLS certificate, static devnet files, and cleanup on exit or SIGINT/SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatSwarmId } from '@hush/core';
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../../packages/node/src/http/tls-cert.ts';
import { writeIdentity, type NodeIdentity } from '../../packages/node/src/identity.ts';

export const ROOT = new URL('../..', import.meta.url).pathname;
const MAIN = new URL('../../packages/node/src/main.ts', import.meta.url).pathname;

export interface BenchNode {
  readonly dir: string;
  readonly identity: NodeIdentity;
  readonly port: number;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a !== null ? a.port : 0));
    });
  });
}

export async function stopProcess(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;
  await new Promise<void>((r) => {
    p.once('exit', () => r());
    p.kill('SIGTERM');
    setTimeout(() => p.kill('SIGKILL'), 10_000).unref();
  });
}

/** A temp folder and the child processes started in it; `run` cleans both up whatever happens. */
export function createBenchWorkspace(prefix: string) {
  const root = mkdtempSync(join(tmpdir(), prefix));
  const children = new Set<ChildProcess>();

  function track(proc: ChildProcess): ChildProcess {
    children.add(proc);
    proc.once('exit', () => children.delete(proc));
    return proc;
  }

  function startProcess(args: readonly string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<ChildProcess> {
    const proc = track(spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'], env }));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`did not start: ${args.join(' ')}`)), 60_000);
      let out = '';
      proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (ready.test(out)) {
          clearTimeout(timer);
          resolve(proc);
        }
      });
      proc.once('exit', (code) => reject(new Error(`exited ${code}: ${args.join(' ')}`)));
    });
  }

  /** Node data dirs with identities from seeds filled with `firstSeedByte + i`, sharing one certificate. */
  async function makeNodes(count: number, certDir: string, firstSeedByte: number): Promise<BenchNode[]> {
    const nodes: BenchNode[] = [];
    for (let i = 0; i < count; i++) {
      const dir = mkdtempSync(join(root, `node${i}-`));
      const identity = writeIdentity(dir, new Uint8Array(32).fill(firstSeedByte + i));
      for (const f of [TLS_KEY_FILE, TLS_CERT_FILE]) copyFileSync(join(certDir, f), join(dir, f));
      nodes.push({ dir, identity, port: await freePort() });
    }
    return nodes;
  }

  /** A static node list (one swarm) in the devnet.json shape. */
  function writeDevnetFile(nodes: readonly { identity: NodeIdentity; port: number }[]): string {
    const path = join(root, `devnet-${nodes.length}-${nodes[0]!.port}.json`);
    const list = nodes.map((n) => ({ pubkey_ed25519: n.identity.ed25519Hex, pubkey_x25519: n.identity.x25519Hex, ip: '127.0.0.1', port: n.port, swarm_id: formatSwarmId(0n) }));
    writeFileSync(path, JSON.stringify({ nodes: list }));
    return path;
  }

  function startNode(n: BenchNode, devnetFile: string): Promise<ChildProcess> {
    return startProcess(['--import', 'tsx', MAIN, '--data-dir', n.dir, '--port', String(n.port), '--devnet', devnetFile, '--log-level', 'error'], /"listening"/);
  }

  function cleanup(): void {
    for (const p of children) p.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }

  /** Runs `main`, prints what it returns, and always kills the children and removes the folder. */
  async function run(main: () => Promise<string>): Promise<void> {
    for (const sig of ['SIGINT', 'SIGTERM'] as const) {
      process.once(sig, () => {
        cleanup();
        process.exit(130);
      });
    }
    try {
      process.stdout.write(await main());
    } finally {
      cleanup();
    }
  }

  return { root, children, track, startProcess, makeNodes, writeDevnetFile, startNode, run };
}
