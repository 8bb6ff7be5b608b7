/**
 * A node following the local registry (processes): it announces itself, learns its swarm from
 * get_n_service_nodes, serves once assigned, proxies oxend_request, and when a second node joins
 * its swarm it pushes what it holds to the newcomer.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import {
  cleanupTmp,
  client,
  freePort,
  killAll,
  makeNodeDir,
  makeUser,
  retrieveParams,
  seedOf,
  startNodeProcess,
  storeParams,
  type Client,
} from './helpers.ts';

const REGISTRY_MAIN = new URL('../../registry/src/main.ts', import.meta.url).pathname;
const ROOT = new URL('../../..', import.meta.url).pathname;

let registry: ChildProcess | undefined;
let registryUrl = '';
const clients: Client[] = [];

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

before(async () => {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', REGISTRY_MAIN, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  registry = proc;
  registryUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('registry did not start')), 15_000);
    proc.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const m = /listening on (\S+)/.exec(out);
      if (m !== null) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => reject(new Error(`registry exited ${code}`)));
  });
});

after(async () => {
  for (const c of clients) c.close();
  await killAll();
  if (registry !== undefined && registry.exitCode === null) {
    const r = registry;
    await new Promise<void>((resolve) => {
      r.once('exit', () => resolve());
      r.kill('SIGKILL');
    });
  }
  cleanupTmp();
});

async function startNode(n: number): Promise<Client> {
  const { dir } = await makeNodeDir(seedOf(400 + n));
  const port = await freePort();
  const p = await startNodeProcess(['--data-dir', dir, '--port', String(port), '--registry', registryUrl, '--poll-interval-ms', '300', '--announce-interval-ms', '1000', '--log-level', 'error']);
  const c = client(p.port);
  clients.push(c);
  await until('the node to be assigned a swarm', async () => ((await c.rpc('info', {})).status === 200 ? true : undefined));
  return c;
}

describe('registry membership', () => {
  it('a node announces, gets a swarm, serves, and proxies get_service_nodes', async () => {
    const c1 = await startNode(1);
    const user = makeUser(20);
    const stored = await c1.rpc('store', storeParams(user, 'before the second node', Date.now()));
    assert.equal(stored.status, 200);
    const sn = await c1.rpc('oxend_request', { endpoint: 'get_service_nodes', params: {} });
    assert.equal(sn.status, 200);
    assert.equal(sn.json.result.service_node_states.length, 1);
    assert.match(sn.json.result.service_node_states[0].swarm, /^[0-9a-f]{16}$/);

    const c2 = await startNode(2);
    const hashes = await until('the push to reach the second node', async () => {
      const r = await c2.rpc('retrieve', retrieveParams(user, 0, Date.now()));
      return r.status === 200 && r.json.messages.length === 1 ? (r.json.messages as Array<{ hash: string }>).map((m) => m.hash) : undefined;
    });
    assert.deepEqual(hashes, [stored.json.hash]);
    const swarm = await c2.rpc('get_swarm', { pubkey: user.sessionId });
    assert.equal(swarm.json.snodes.length, 2, 'both nodes are in the one swarm');
  });
});
