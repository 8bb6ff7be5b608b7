/**
 * Durability and lifecycle of a node process: every store answered 200 survives `kill -9` and a
 * restart (group commit + synchronous=FULL); SIGTERM stops gracefully, answering what is in flight.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
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
  tmpDir,
  writeDevnet,
} from './helpers.ts';

let args: string[];

before(async () => {
  const { dir, identity } = await makeNodeDir(seedOf(100));
  const port = await freePort();
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, [{ identity, port, swarm: 0n }]);
  args = ['--data-dir', dir, '--port', String(port), '--devnet', devnet, '--log-level', 'warn'];
});

after(async () => {
  await killAll();
  cleanupTmp();
});

describe('durability', () => {
  it('messages acknowledged with 200 are there after kill -9 and a restart', async () => {
    const user = makeUser(1);
    let proc = await startNodeProcess(args);
    let c = client(proc.port);
    const now = Date.now();
    const acked: string[] = [];
    // 40 concurrent stores (several group commits), then SIGKILL right after the last 200.
    await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const r = await c.rpc('store', storeParams(user, `durable message ${i}`, now + i));
        assert.equal(r.status, 200);
        acked.push(r.json.hash as string);
      }),
    );
    proc.kill('SIGKILL');
    assert.equal(await proc.exited, null, 'killed by signal');
    c.close();

    proc = await startNodeProcess(args);
    c = client(proc.port);
    try {
      const r = await c.rpc('retrieve', retrieveParams(user, 0, Date.now()));
      assert.equal(r.status, 200);
      const got = new Set((r.json.messages as Array<{ hash: string }>).map((m) => m.hash));
      for (const h of acked) assert.ok(got.has(h), `acknowledged message ${h} survived`);
      assert.equal(got.size, 40);
    } finally {
      c.close();
      proc.kill('SIGKILL');
      await proc.exited;
    }
  });

  it('SIGTERM finishes in-flight requests and exits 0; the identity is kept', async () => {
    const user = makeUser(2);
    const proc = await startNodeProcess(args);
    const c = client(proc.port);
    const now = Date.now();
    const inFlight = Array.from({ length: 20 }, (_, i) => c.rpc('store', storeParams(user, `graceful ${i}`, now + i)));
    setTimeout(() => proc.kill('SIGTERM'), 5);
    const results = await Promise.allSettled(inFlight);
    const answered = results.filter((r) => r.status === 'fulfilled');
    for (const r of answered) assert.equal(r.value.status, 200, 'every answered store succeeded');
    assert.equal(await proc.exited, 0);
    c.close();

    const again = await startNodeProcess(args);
    assert.equal(again.pubkey, proc.pubkey, 'same identity after restart');
    const c2 = client(again.port);
    try {
      const r = await c2.rpc('retrieve', retrieveParams(user, 0, Date.now()));
      assert.equal(r.json.messages.length, answered.length, 'everything answered 200 is stored');
    } finally {
      c2.close();
      again.kill('SIGTERM');
      assert.equal(await again.exited, 0);
    }
  });
});
