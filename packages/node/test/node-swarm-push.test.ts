/**
 * Data moves when swarms change (session-network.md §6.5), with three in-process nodes whose node
 * lists the test switches: messages whose account maps to a new swarm are pushed to that swarm
 * (and only those), and a node joining a swarm receives everything that swarm holds.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { INVALID_SWARM_ID } from '@hush/core';
import { silentLogger } from '../src/log/logger.ts';
import { createServiceNode, type ServiceNode } from '../src/service-node.ts';
import { staticViewFromJson } from '../src/swarm/static-nodes.ts';
import type { SwarmView } from '../src/swarm/swarm-view.ts';
import {
  cleanupTmp,
  client,
  freePort,
  makeNodeDir,
  retrieveParams,
  seedOf,
  storeParams,
  tmpDir,
  userInSwarm,
  writeDevnet,
  type Client,
} from './helpers.ts';

const B = 0x8000000000000000n;
const nodes: ServiceNode[] = [];
const clients: Client[] = [];
const views: SwarmView[] = [];
const u1 = userInSwarm(0n, [0n, B], 0);
const u2 = userInSwarm(B, [0n, B], 0);

before(async () => {
  const m = await Promise.all([0, 1, 2].map(async (i) => ({ ...(await makeNodeDir(seedOf(300 + i))), port: await freePort() })));
  const dir = tmpDir();
  const layouts: Array<[bigint, bigint, bigint]> = [
    [0n, 0n, INVALID_SWARM_ID], // N3 known but unassigned
    [0n, 0n, B], // N3 forms a new swarm
    [0n, 0n, 0n], // N3 joins swarm 0
  ];
  layouts.forEach((swarms, v) => {
    const path = join(dir, `devnet${v}.json`);
    writeDevnet(path, m.map((n, i) => ({ identity: n.identity, port: n.port, swarm: swarms[i]! })));
    views.push(staticViewFromJson(readFileSync(path, 'utf8'), path));
  });
  for (const [i, n] of m.entries()) {
    const devnet = join(dir, `devnet${i === 2 ? 1 : 0}.json`);
    const node = createServiceNode({ dataDir: n.dir, port: n.port, devnet }, { logger: silentLogger() });
    await node.start();
    nodes.push(node);
    clients.push(client(n.port));
  }
});

after(async () => {
  for (const c of clients) c.close();
  for (const n of nodes) await n.stop();
  cleanupTmp();
});

async function switchTo(view: SwarmView): Promise<void> {
  for (const n of nodes) n.internals.membership.update(view);
  for (const n of nodes) await n.internals.pushIdle();
}

const hashesAt = async (c: Client, user: typeof u1): Promise<string[]> => {
  const r = await c.rpc('retrieve', retrieveParams(user, 0, Date.now()));
  assert.equal(r.status, 200, r.text);
  return (r.json.messages as Array<{ hash: string }>).map((m) => m.hash).sort();
};

describe('swarm changes', () => {
  const h1: string[] = [];
  const h2: string[] = [];

  it('before the change, the third node holds nothing', async () => {
    const now = Date.now();
    for (let i = 0; i < 3; i++) {
      h1.push((await clients[0]!.rpc('store', storeParams(u1, `u1 message ${i}`, now + i))).json.hash);
      h2.push((await clients[0]!.rpc('store', storeParams(u2, `u2 message ${i}`, now + i))).json.hash);
    }
    h1.sort();
    h2.sort();
    assert.deepEqual(await hashesAt(clients[1]!, u1), h1, 'replicated within swarm 0');
    assert.equal(nodes[2]!.status().storage.messages, 0);
  });

  it('messages of accounts that now map to a new swarm are pushed to it, and only those', async () => {
    await switchTo(views[1]!);
    assert.deepEqual(await hashesAt(clients[2]!, u2), h2);
    assert.equal(nodes[2]!.status().storage.messages, h2.length, 'no message of swarm 0 was pushed');
    assert.equal((await clients[2]!.rpc('retrieve', retrieveParams(u1, 0, Date.now()))).status, 421);
  });

  it('a node joining a swarm receives everything the swarm holds', async () => {
    await switchTo(views[2]!);
    assert.deepEqual(await hashesAt(clients[2]!, u1), h1);
    assert.deepEqual(await hashesAt(clients[2]!, u2), h2);
    assert.ok(nodes[0]!.metrics.registry.value('hush_pushed_messages_total') > 0);
  });
});
