/**
 * Test helpers for the service node: temp dirs, free ports, node data dirs with pre-made
 * identities (and a shared TLS certificate, to save RSA key generation per node), devnet lists,
 * node processes, an HTTPS RPC client with keep-alive, and Session-style signed requests built
 * with core's signed-string builders.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { edPkToCurve, signDetached, signSeedKeypair, toBase64, toHex } from '@hush/core';
import { identityFromSeed, writeIdentity, type NodeIdentity } from '../src/identity.ts';
import { loadOrCreateTlsMaterial, TLS_CERT_FILE, TLS_KEY_FILE } from '../src/http/tls-cert.ts';
export { freePort } from '../../../test-support/free-port.ts';
import { formatSwarmId, retrieveSignedString, selectSwarm, storeSignedString, swarmSpace } from '@hush/core';

export const MAIN = new URL('../src/main.ts', import.meta.url).pathname;
const ROOT = new URL('../../..', import.meta.url).pathname;

const cleanups: Array<() => void> = [];

export function tmpDir(prefix = 'hush-node-test-'): string {
  const d = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(d, { recursive: true, force: true }));
  return d;
}

export function cleanupTmp(): void {
  for (const c of cleanups.splice(0)) c();
}


let certDir: Promise<string> | undefined;

/** A node data dir with identity from `seed` and a copy of a shared TLS certificate. */
export async function makeNodeDir(seed: Uint8Array): Promise<{ dir: string; identity: NodeIdentity }> {
  certDir ??= (async () => {
    const d = tmpDir('hush-node-cert-');
    await loadOrCreateTlsMaterial(d);
    return d;
  })();
  const certs = await certDir;
  const dir = tmpDir();
  const identity = writeIdentity(dir, seed);
  for (const f of [TLS_KEY_FILE, TLS_CERT_FILE]) copyFileSync(join(certs, f), join(dir, f));
  return { dir, identity };
}

export function seedOf(n: number): Uint8Array {
  const s = new Uint8Array(32);
  s[0] = n & 0xff;
  s[1] = (n >> 8) & 0xff;
  s[31] = 0x42;
  return s;
}

export interface DevnetNode {
  readonly identity: NodeIdentity;
  readonly port: number;
  readonly swarm: bigint;
  readonly ip?: string;
}

export function writeDevnet(path: string, nodes: readonly DevnetNode[]): void {
  const list = nodes.map((n) => ({
    pubkey_ed25519: n.identity.ed25519Hex,
    pubkey_x25519: n.identity.x25519Hex,
    ip: n.ip ?? '127.0.0.1',
    port: n.port,
    swarm_id: formatSwarmId(n.swarm),
  }));
  writeFileSync(path, JSON.stringify({ nodes: list }, null, 2));
}

/** A fake node (never started) for lists: another swarm the tests can be redirected to. */
export function fakeNode(n: number, port: number, swarm: bigint): DevnetNode {
  return { identity: identityFromSeed(seedOf(10_000 + n)), port, swarm };
}

// ---------------------------------------------------------------- node processes

export interface NodeProcess {
  readonly proc: ChildProcess;
  readonly port: number;
  readonly pubkey: string;
  /** stderr lines so far (JSON logs). */
  readonly logs: string[];
  kill(signal?: NodeJS.Signals): void;
  exited: Promise<number | null>;
}

const running = new Set<ChildProcess>();

/** Starts `main.ts` and resolves once it printed its "listening" line (15 s at most). */
export function startNodeProcess(args: readonly string[]): Promise<NodeProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(proc);
  const logs: string[] = [];
  const exited = new Promise<number | null>((r) => proc.once('exit', (code) => {
    running.delete(proc);
    r(code);
  }));
  proc.stderr!.setEncoding('utf8').on('data', (d: string) => logs.push(...d.split('\n').filter((l) => l !== '')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`node did not start in time: ${logs.slice(-5).join('\n')}`));
    }, 15_000);
    let out = '';
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('"listening"'));
      if (line === undefined) return;
      clearTimeout(timer);
      const info = JSON.parse(line) as { port: number; pubkey_ed25519: string };
      resolve({ proc, port: info.port, pubkey: info.pubkey_ed25519, logs, kill: (s = 'SIGKILL') => void proc.kill(s), exited });
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`node exited with ${code}: ${logs.slice(-5).join('\n')}`));
    });
  });
}

/** SIGKILLs every node process still running (use in `after`). */
export async function killAll(): Promise<void> {
  const waits = [...running].map((p) => new Promise<void>((r) => {
    p.once('exit', () => r());
    p.kill('SIGKILL');
  }));
  await Promise.all(waits);
}

// ---------------------------------------------------------------- HTTPS client

export interface Reply {
  readonly status: number;
  readonly text: string;
  /** Parsed JSON, or undefined for text bodies. */
  readonly json: any;
  readonly headers: Record<string, string | string[] | undefined>;
}

export interface Client {
  rpc(method: string, params: unknown): Promise<Reply>;
  raw(body: string | Buffer, options?: { path?: string; headers?: Record<string, string>; method?: string }): Promise<Reply>;
  close(): void;
}

export function client(port: number, host = '127.0.0.1'): Client {
  const agent = new Agent({ keepAlive: true, rejectUnauthorized: false, maxSockets: 8 });
  const raw: Client['raw'] = (body, o = {}) =>
    new Promise((resolve, reject) => {
      const payload = typeof body === 'string' ? Buffer.from(body) : body;
      const req = request(
        { host, port, path: o.path ?? '/storage_rpc/v1', method: o.method ?? 'POST', agent, headers: { 'content-length': String(payload.length), ...o.headers }, timeout: 20_000 },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let json: unknown;
            if (String(res.headers['content-type'] ?? '').startsWith('application/json')) json = JSON.parse(text);
            resolve({ status: res.statusCode ?? 0, text, json, headers: res.headers });
          });
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.on('timeout', () => req.destroy(new Error('request timeout')));
      req.end(payload);
    });
  return {
    raw,
    rpc: (method, params) => raw(JSON.stringify({ method, params })),
    close: () => agent.destroy(),
  };
}

// ---------------------------------------------------------------- Session users

export interface User {
  readonly sessionId: string;
  readonly edPkHex: string;
  readonly sk: Uint8Array;
  sign(message: Uint8Array): string;
}

export function makeUser(n: number): User {
  const kp = signSeedKeypair(seedOf(50_000 + n));
  return {
    sessionId: '05' + toHex(edPkToCurve(kp.publicKey)),
    edPkHex: toHex(kp.publicKey),
    sk: kp.secretKey,
    sign: (m) => toBase64(signDetached(m, kp.secretKey)),
  };
}

/** The first user (from n = start) whose account maps to `swarm` among `swarmIds`. */
export function userInSwarm(swarm: bigint, swarmIds: readonly bigint[], start = 0): User {
  for (let n = start; n < start + 10_000; n++) {
    const u = makeUser(n);
    if (selectSwarm(swarmSpace(Buffer.from(u.sessionId, 'hex')), swarmIds) === swarm) return u;
  }
  throw new Error('no user found for swarm');
}

export function retrieveParams(u: User, ns: number, now: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    pubkey: u.sessionId,
    pubkey_ed25519: u.edPkHex,
    namespace: ns,
    timestamp: now,
    signature: u.sign(retrieveSignedString({ namespace: ns, timestamp: now })),
    ...extra,
  };
}

export function storeParams(u: User, data: string | Buffer, now: number, o: { ns?: number; ttl?: number; signed?: boolean } = {}): Record<string, unknown> {
  const ns = o.ns ?? 0;
  const p: Record<string, unknown> = {
    pubkey: u.sessionId,
    namespace: ns,
    timestamp: now,
    ttl: o.ttl ?? 60_000,
    data: (typeof data === 'string' ? Buffer.from(data) : data).toString('base64'),
  };
  if (o.signed === true) {
    p['pubkey_ed25519'] = u.edPkHex;
    p['signature'] = u.sign(storeSignedString({ namespace: ns, timestamp: now }));
  }
  return p;
}

export function exists(path: string): boolean {
  return existsSync(path);
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
