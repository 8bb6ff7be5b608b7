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
import type { NodeIdentity } from '../src/identity.ts';
import { signNodeRequest } from '../src/replication/node-auth.ts';
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
let identities: NodeIdentity[] = [];
let metricsPorts: number[] = [];

before(async () => {
  const members = await Promise.all([0, 1, 2].map(async (i) => ({ ...(await makeNodeDir(seedOf(200 + i))), port: await freePort(), metricsPort: await freePort() })));
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, members.map((m) => ({ identity: m.identity, port: m.port, swarm: 0n })));
  const started = await Promise.all(
    members.map((m) => startNodeProcess(['--data-dir', m.dir, '--port', String(m.port), '--devnet', devnet, '--log-level', 'error', '--metrics-port', String(m.metricsPort)])),
  );
  procs.push(...started);
  clients.push(...started.map((p) => client(p.port)));
  identities = members.map((m) => m.identity);
  metricsPorts = members.map((m) => m.metricsPort);
});

after(async () => {
  for (const c of clients) c.close();
  await killAll();
  cleanupTmp();
});

/** hush_replication_batches_total of member i (its /metrics). */
async function batchesSent(i: number): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPorts[i]}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith('hush_replication_batches_total'));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}

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

  it('stores arriving together are forwarded together: every one on every member, each result signed for its own hash', async () => {
    const [a, b, c] = clients as [Client, Client, Client];
    const users = [makeUser(40), makeUser(41), makeUser(42)];
    const now = Date.now();
    const batchesBefore = await batchesSent(0);
    const replies = await Promise.all(Array.from({ length: 24 }, (_, i) => a.rpc('store', storeParams(users[i % 3]!, `together ${i}`, now))));
    assert.ok((await batchesSent(0)) > batchesBefore, 'some of them went to the peers in batches');
    const byUser = new Map<string, string[]>();
    for (const [i, r] of replies.entries()) {
      assert.equal(r.status, 200, r.text);
      const hash = r.json.hash as string;
      assert.deepEqual(Object.keys(r.json.swarm).sort(), procs.map((p) => p.pubkey).sort());
      for (const [pk, result] of Object.entries(r.json.swarm as Record<string, { hash: string; signature: string; failed?: boolean }>)) {
        assert.equal(result.failed, undefined, `${pk} stored store ${i}`);
        assert.equal(result.hash, hash, `${pk} answered for store ${i}, not another one of the batch`);
        assert.ok(verifyDetached(fromBase64(result.signature, 'signature'), Buffer.from(hash), Buffer.from(pk, 'hex')), `signature of ${pk}`);
      }
      const sid = users[i % 3]!.sessionId;
      byUser.set(sid, [...(byUser.get(sid) ?? []), hash]);
    }
    for (const user of users) {
      const want = [...byUser.get(user.sessionId)!].sort();
      assert.deepEqual((await messagesAt(b, user)).sort(), want);
      assert.deepEqual((await messagesAt(c, user)).sort(), want);
    }
  });

  it('a forwarded batch is node-signed, well-formed and answered request by request', async () => {
    const [, b] = clients as [Client, Client, Client];
    const user = makeUser(43);
    const now = Date.now();
    const stores = [storeParams(user, 'batch one', now), storeParams(user, 'batch two', now), { ...storeParams(user, 'too old', now), timestamp: now - 3_600_000 }];
    const body = Buffer.from(JSON.stringify({ requests: stores.map((params) => ({ method: 'store', params })) }));
    const path = '/swarm_rpc_batch/v1';
    const signed = (b2: Buffer): Record<string, string> => ({ ...signNodeRequest(identities[0]!, b2, Date.now()), 'content-type': 'application/json' });

    const unsigned = await b.raw(body, { path });
    assert.equal(unsigned.status, 401, unsigned.text);
    const stranger = await b.raw(body, { path, headers: { ...signNodeRequest({ ...identities[0]!, ed25519Hex: 'ab'.repeat(32) }, body, Date.now()) } });
    assert.equal(stranger.status, 401, 'a node not in the list');
    for (const [bad, why] of [
      ['{"requests": []}', /1 to 64 requests/],
      ['{"requests": [{"method": "store"}]}', /request 0 needs a string `method` and an object `params`/],
      ['[1]', /no `requests` array/],
      ['{', /invalid json/],
    ] as const) {
      const r = await b.raw(bad, { path, headers: signed(Buffer.from(bad)) });
      assert.equal(r.status, 400, `${bad}: ${r.text}`);
      assert.match(r.text, why);
    }
    const tooMany = Buffer.from(JSON.stringify({ requests: Array.from({ length: 65 }, () => ({ method: 'store', params: stores[0] })) }));
    assert.equal((await b.raw(tooMany, { path, headers: signed(tooMany) })).status, 400);

    const r = await b.raw(body, { path, headers: signed(body) });
    assert.equal(r.status, 200, r.text);
    const results = r.json.results as Array<{ status: number; body: { hash?: string; signature?: string } | string }>;
    assert.deepEqual(results.map((x) => x.status), [200, 200, 406], 'each request answered as alone: the stale one is a clock error');
    const hashes = results.slice(0, 2).map((x) => (x.body as { hash: string }).hash);
    for (const x of results.slice(0, 2)) {
      const res = x.body as { hash: string; signature: string };
      assert.ok(verifyDetached(fromBase64(res.signature, 'signature'), Buffer.from(res.hash), Buffer.from(procs[1]!.pubkey, 'hex')), 'signed by the member that stored it');
    }
    assert.match(results[2]!.body as string, /Timestamp error/);
    assert.deepEqual((await messagesAt(b, user)).sort(), [...hashes].sort(), 'a forwarded store stays on that member: no second fan-out');
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
