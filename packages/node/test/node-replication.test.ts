/**
 * Replication in a swarm of three node processes (static node list, no registry): a store
 * through one member is on every member when the 200 comes back, each member signs its own
 * result, deletes fan out too, and acknowledged data outlives the member that acknowledged it.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fromBase64, verifyDetached } from '@hush/core';
import { deleteSignedString } from '@hush/core';
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
  type Client,
  type NodeProcess,
} from './helpers.ts';

const procs: NodeProcess[] = [];
const clients: Client[] = [];

before(async () => {
  const members = await Promise.all([0, 1, 2].map(async (i) => ({ ...(await makeNodeDir(seedOf(200 + i))), port: await freePort() })));
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, members.map((m) => ({ identity: m.identity, port: m.port, swarm: 0n })));
  const started = await Promise.all(
    members.map((m) => startNodeProcess(['--data-dir', m.dir, '--port', String(m.port), '--devnet', devnet, '--log-level', 'error'])),
  );
  procs.push(...started);
  clients.push(...started.map((p) => client(p.port)));
});

after(async () => {
  for (const c of clients) c.close();
  await killAll();
  cleanupTmp();
});

function messagesAt(c: Client, user: ReturnType<typeof makeUser>): Promise<string[]> {
  return c.rpc('retrieve', retrieveParams(user, 0, Date.now())).then((r) => {
    assert.equal(r.status, 200);
    return (r.json.messages as Array<{ hash: string }>).map((m) => m.hash);
  });
}

describe('long-poll retrieve (Hush extension long_poll_ms)', () => {
  it('a waiting retrieve on one member answers as soon as a store through another member lands', async () => {
    const [a, , c] = clients as [Client, Client, Client];
    const user = makeUser(30);
    const began = Date.now();
    const waiting = c.rpc('retrieve', retrieveParams(user, 0, Date.now(), { long_poll_ms: 15_000 }));
    await new Promise((r) => setTimeout(r, 300));
    const stored = await a.rpc('store', storeParams(user, 'wake up', Date.now()));
    assert.equal(stored.status, 200);
    const r = await waiting;
    const elapsed = Date.now() - began;
    assert.equal(r.status, 200);
    assert.deepEqual((r.json.messages as Array<{ hash: string }>).map((m) => m.hash), [stored.json.hash]);
    assert.ok(elapsed < 5_000, `answered after ${elapsed} ms, not at the 15 s timeout`);
  });

  it('with nothing to deliver it answers empty after the wait; messages already there answer at once', async () => {
    const [a, b] = clients as [Client, Client, Client];
    const user = makeUser(31);
    const began = Date.now();
    const empty = await b.rpc('retrieve', retrieveParams(user, 0, Date.now(), { long_poll_ms: 700 }));
    assert.equal(empty.status, 200);
    assert.deepEqual(empty.json.messages, []);
    assert.ok(Date.now() - began >= 650, 'waited for the requested time');
    await a.rpc('store', storeParams(user, 'already here', Date.now()));
    const quick = Date.now();
    const full = await b.rpc('retrieve', retrieveParams(user, 0, Date.now(), { long_poll_ms: 15_000 }));
    assert.equal((full.json.messages as unknown[]).length, 1);
    assert.ok(Date.now() - quick < 5_000);
  });

  it('refuses a wait beyond the limit or of the wrong type, naming the field', async () => {
    const [a] = clients as [Client, Client, Client];
    const user = makeUser(32);
    for (const bad of [20_001, -1, 'soon', 1.5]) {
      const r = await a.rpc('retrieve', retrieveParams(user, 0, Date.now(), { long_poll_ms: bad }));
      assert.equal(r.status, 400, `long_poll_ms ${String(bad)}`);
      assert.match(r.text, /long_poll_ms/);
    }
  });
});

describe('swarm replication', () => {
  it('a store through one member is on all members, each signing its own result', async () => {
    const [a, b, c] = clients as [Client, Client, Client];
    const user = makeUser(10);
    const r = await a.rpc('store', storeParams(user, 'replicated', Date.now()));
    assert.equal(r.status, 200);
    const hash = r.json.hash as string;
    assert.deepEqual(Object.keys(r.json.swarm).sort(), procs.map((p) => p.pubkey).sort());
    for (const [pk, result] of Object.entries(r.json.swarm as Record<string, { hash: string; signature: string }>)) {
      assert.equal(result.hash, hash);
      assert.ok(verifyDetached(fromBase64(result.signature, 'signature'), Buffer.from(hash), Buffer.from(pk, 'hex')), `signature of ${pk}`);
    }
    assert.deepEqual(await messagesAt(b, user), [hash]);
    assert.deepEqual(await messagesAt(c, user), [hash]);
  });

  it('a delete through one member deletes everywhere', async () => {
    const [a, b, c] = clients as [Client, Client, Client];
    const user = makeUser(11);
    const hash = (await a.rpc('store', storeParams(user, 'short', Date.now()))).json.hash as string;
    const del = await c.rpc('delete', {
      pubkey: user.sessionId,
      pubkey_ed25519: user.edPkHex,
      messages: [hash],
      signature: user.sign(deleteSignedString({ messages: [hash] })),
    });
    assert.equal(del.status, 200);
    for (const result of Object.values(del.json.swarm as Record<string, { deleted: string[] }>)) assert.deepEqual(result.deleted, [hash]);
    assert.deepEqual(await messagesAt(a, user), []);
    assert.deepEqual(await messagesAt(b, user), []);
  });

  it('acknowledged data outlives the member that acknowledged it (kill -9)', async () => {
    const [a, b, c] = clients as [Client, Client, Client];
    const user = makeUser(12);
    const hash = (await a.rpc('store', storeParams(user, 'survivor', Date.now()))).json.hash as string;
    procs[0]!.kill('SIGKILL');
    await procs[0]!.exited;
    assert.deepEqual(await messagesAt(b, user), [hash]);
    assert.deepEqual(await messagesAt(c, user), [hash]);

    const r = await b.rpc('store', storeParams(user, 'after the crash', Date.now()));
    assert.equal(r.status, 200, 'the swarm still accepts writes');
    assert.deepEqual(r.json.swarm[procs[0]!.pubkey], { failed: true, timeout: true });
    assert.ok(typeof r.json.swarm[procs[2]!.pubkey].signature === 'string');
  });
});
