/**
 * End to end on a real devnet (registry + 8 node processes = one swarm, onion paths over HTTPS):
 * two accounts talk through `createClient`; offline delivery; a second device restored from the
 * seed; disappearing messages; unsend; a swarm member killed mid-conversation; a skewed clock.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from '@hush/core';
import { startDevnet, type Devnet } from '@hush/devnet';
import { createClient, systemClock, type ChatMessage, type Clock, type ClientEventName, type ClientEvents, type HushClient } from '../src/index.ts';

const root = mkdtempSync(join(tmpdir(), 'hush-e2e-'));
const basePort = 10_000 + Math.floor(Math.random() * 20_000);
let devnet: Devnet;
const open: HushClient[] = [];
let dirs = 0;

before(async () => {
  devnet = await startDevnet({ nodes: 8, dir: join(root, 'devnet'), basePort, log: () => {}, readyTimeoutMs: 60_000, stopGraceMs: 3_000 });
});

after(async () => {
  await Promise.all(open.map((c) => c.close()));
  await devnet?.stop();
  rmSync(root, { recursive: true, force: true });
});

async function client(seed: Uint8Array, o: { clock?: Clock; dataDir?: string } = {}): Promise<HushClient> {
  const c = await createClient({
    dataDir: o.dataDir ?? join(root, `device-${++dirs}`),
    network: devnet.devnetFile,
    seed,
    limits: { onionTimeoutMs: 30_000, guardTestTimeoutMs: 5_000 },
    ...(o.clock === undefined ? {} : { clock: o.clock }),
  });
  open.push(c);
  return c;
}

async function closeClient(c: HushClient): Promise<void> {
  open.splice(open.indexOf(c), 1);
  await c.close();
}

function next<E extends ClientEventName>(c: HushClient, event: E, match: (v: ClientEvents[E]) => boolean, timeoutMs = 20_000): Promise<ClientEvents[E]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${event} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = c.on(event, (v) => {
      if (!match(v)) return;
      clearTimeout(timer);
      off();
      resolve(v);
    });
  });
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

const texts = (c: HushClient, id: string): string[] => c.messages(id).map((m) => m.text);
const seed = (): Uint8Array => randomBytes(16);

describe('two people over a local Hush network', () => {
  test('A writes to B: B gets a request, replies; both see both messages; stores are signed by the swarm', async () => {
    const a = await client(seed());
    const b = await client(seed());
    const arriving = next(b, 'message', (m) => m.text === 'hello B');
    const sent = await a.send(b.sessionId, 'hello B');
    assert.equal(sent.delivery, 'stored');
    assert.equal(sent.swarmSize, 8, 'the whole swarm was asked');
    assert.ok(sent.storedOn >= 5, `stored on ${sent.storedOn} of ${sent.swarmSize}`);
    const got = await arriving;
    assert.equal(got.author, a.sessionId);
    assert.equal(got.sentAt, sent.sentAt);
    assert.deepEqual(b.requests().map((c) => c.id), [a.sessionId], 'an unknown sender is a message request');
    assert.deepEqual(b.conversations(), []);
    const reply = next(a, 'message', (m) => m.text === 'hi A');
    await b.send(a.sessionId, 'hi A');
    await reply;
    assert.deepEqual(b.requests(), [], 'replying accepted the request');
    assert.deepEqual(texts(a, b.sessionId), ['hello B', 'hi A']);
    assert.deepEqual(texts(b, a.sessionId), ['hello B', 'hi A']);
    assert.equal(a.conversation(b.sessionId)?.approvedMe, true);
    const status = a.status();
    assert.equal(status.paths.length, 2);
    for (const p of status.paths) assert.equal(p.hops.length, 3);
    assert.ok(status.paths.some((p) => p.latencyMs !== null && p.latencyMs > 0), 'path latency measured');
    assert.equal(status.nodesKnown, 8);
    assert.equal(status.swarm?.members.length, 8);
    assert.equal(status.longPolling, true, 'Hush nodes long-poll');
    await until('idle prefix probes measured every hop of every path', () => a.status().paths.every((p) => p.hops.every((h) => h.latencyMs !== null && h.hopMs !== null)));
    for (const p of a.status().paths) {
      const cumulative = p.hops.map((h) => h.latencyMs ?? Number.NaN);
      for (let i = 1; i < cumulative.length; i++) assert.ok(cumulative[i]! >= cumulative[i - 1]!, `path ${p.id}: cumulative latency never decreases along the path: ${cumulative.join(', ')}`);
      const sum = p.hops.reduce((total, h) => total + (h.hopMs ?? Number.NaN), 0);
      assert.ok(Math.abs(sum - cumulative.at(-1)!) < 1e-6, `the hops’ own shares add up to the round trip to the exit: ${sum} vs ${cumulative.at(-1)}`);
    }
  });

  test('a request accepted without replying tells A; read receipts and typing reach the other side when both turn them on', async () => {
    const a = await client(seed());
    const b = await client(seed());
    await a.setDisplayName('Alice');
    for (const c of [a, b]) await c.updateSettings({ readReceipts: true, typingIndicators: true });
    const arriving = next(b, 'message', (m) => m.text === 'are you there?');
    const sent = await a.send(b.sessionId, 'are you there?');
    await arriving;
    assert.equal(b.requests()[0]?.displayName, 'Alice', 'the profile name came with the message');
    assert.equal(a.conversation(b.sessionId)?.approvedMe, false);
    await b.acceptRequest(a.sessionId);
    await until('A learns B accepted', () => a.conversation(b.sessionId)?.approvedMe === true);
    assert.equal(b.conversation(a.sessionId)?.unread, 1);
    const read = next(a, 'message-updated', (m) => m.id === sent.id && m.readAt !== null);
    await b.markRead(a.sessionId);
    assert.equal(b.conversation(a.sessionId)?.unread, 0);
    await read;
    const typing = next(a, 'typing', (t) => t.conversationId === b.sessionId && t.typing);
    await b.setTyping(a.sessionId, true);
    await typing;
  });

  test('B is offline when A sends; B comes online later and receives everything once', async () => {
    const bSeed = seed();
    const a = await client(seed());
    let b = await client(bSeed);
    const bDir = join(root, `device-${dirs}`);
    await closeClient(b);
    for (const text of ['while you were away', 'second one']) await a.send(b.sessionId, text);
    b = await client(bSeed, { dataDir: bDir });
    await until('both offline messages', () => texts(b, a.sessionId).length === 2);
    assert.deepEqual(texts(b, a.sessionId), ['while you were away', 'second one']);
    assert.equal(await b.syncNow(), 0, 'nothing is received twice');
    assert.equal(texts(b, a.sessionId).length, 2);
  });

  test("A's second device, restored from the same seed, shows both sides of the conversation", async () => {
    const aSeed = seed();
    const a = await client(aSeed);
    const b = await client(seed());
    await a.send(b.sessionId, 'from A');
    const reply = next(a, 'message', (m) => m.text === 'from B');
    await b.send(a.sessionId, 'from B');
    await reply;
    const a2 = await client(aSeed);
    assert.equal(a2.sessionId, a.sessionId);
    await until('both sides on the second device', () => texts(a2, b.sessionId).length === 2);
    const mine = a2.messages(b.sessionId);
    assert.deepEqual(mine.map((m) => [m.direction, m.text]), [['out', 'from A'], ['in', 'from B']]);
  });

  test('a disappearing message (after send, 5 s) is gone on both sides and from the swarm after its timer', async () => {
    const bSeed = seed();
    const a = await client(seed());
    const b = await client(bSeed);
    const hello = next(b, 'message', (m) => m.text === 'hello');
    await a.send(b.sessionId, 'hello');
    await hello;
    await a.setDisappearing(b.sessionId, { mode: 'after-send', seconds: 5 });
    await until('B sees the timer', () => b.conversation(a.sessionId)?.disappearing.seconds === 5);
    const arrived = next(b, 'message', (m) => m.text === 'this will vanish');
    const sent = await a.send(b.sessionId, 'this will vanish');
    const got: ChatMessage = await arrived;
    assert.deepEqual(got.disappearing, { mode: 'after-send', seconds: 5 });
    assert.ok(got.expiresAt !== null && Math.abs(got.expiresAt - (sent.sentAt + 5_000)) < 1_000);
    const goneA = next(a, 'message-removed', (r) => r.id === sent.id, 15_000);
    const goneB = next(b, 'message-removed', (r) => r.id === got.id, 15_000);
    await Promise.all([goneA, goneB]);
    assert.deepEqual(texts(a, b.sessionId), ['hello']);
    assert.deepEqual(texts(b, a.sessionId), ['hello']);
    const fresh = await client(bSeed);
    await fresh.syncNow();
    assert.deepEqual(texts(fresh, a.sessionId), ['hello'], 'the swarm no longer serves it');
  });

  test('disappear after read: the timer starts when B reads it, and B shortens its swarm copy to match', async () => {
    const bSeed = seed();
    const a = await client(seed());
    const b = await client(bSeed);
    const hello = next(b, 'message', (m) => m.text === 'hello');
    await a.send(b.sessionId, 'hello');
    await hello;
    await a.setDisappearing(b.sessionId, { mode: 'after-read', seconds: 5 });
    await until('B sees the timer', () => b.conversation(a.sessionId)?.disappearing.mode === 'after-read');
    const arrived = next(b, 'message', (m) => m.text === 'read me');
    await a.send(b.sessionId, 'read me');
    const got = await arrived;
    assert.equal(got.expiresAt, null, 'unread: no countdown yet');
    await new Promise((r) => setTimeout(r, 6_000));
    assert.deepEqual(texts(b, a.sessionId), ['hello', 'read me'], 'still there while unread');
    const readAt = Date.now();
    const gone = next(b, 'message-removed', (r) => r.id === got.id, 15_000);
    await b.markRead(a.sessionId);
    await gone;
    assert.ok(Date.now() - readAt >= 4_500, 'counted from the read');
    const fresh = await client(bSeed);
    await fresh.syncNow();
    assert.deepEqual(texts(fresh, a.sessionId), ['hello'], "B's swarm copy expired with it");
  });

  test('unsend removes a message from both sides and from the swarms', async () => {
    const aSeed = seed();
    const bSeed = seed();
    const a = await client(aSeed);
    const b = await client(bSeed);
    const keep = await a.send(b.sessionId, 'keep me');
    const oops = await a.send(b.sessionId, 'oops');
    await until('B has both', () => texts(b, a.sessionId).length === 2);
    const removed = next(b, 'message-removed', () => true);
    await a.unsend(oops.id);
    await removed;
    assert.deepEqual(texts(a, b.sessionId), ['keep me']);
    assert.deepEqual(texts(b, a.sessionId), ['keep me']);
    await new Promise((r) => setTimeout(r, 1_000)); // B's delete of its swarm copy is fire-and-forget
    const [a2, b2] = [await client(aSeed), await client(bSeed)];
    await Promise.all([a2.syncNow(), b2.syncNow()]);
    assert.deepEqual(texts(b2, a.sessionId), ['keep me'], "B's swarm copy was deleted");
    assert.deepEqual(texts(a2, b.sessionId), ['keep me'], "A's sync copy was deleted");
    assert.equal(keep.delivery, 'stored');
  });

  test("a member of B's swarm is killed while messages flow: nothing is lost", async () => {
    const a = await client(seed());
    const b = await client(seed());
    const sent: string[] = [];
    for (let i = 0; i < 12; i++) {
      if (i === 4) {
        const victim = devnet.nodes.find((n) => !a.status().paths.some((p) => p.hops.some((h) => h.ed25519 === n.pubkeyEd25519)));
        assert.ok(victim, 'a node that is not on our paths');
        process.kill(victim.pid, 'SIGKILL');
      }
      const m = await a.send(b.sessionId, `message ${i}`);
      assert.equal(m.delivery, 'stored');
      sent.push(m.text);
    }
    await until('all 12 at B', () => texts(b, a.sessionId).length === 12, 30_000);
    assert.deepEqual(texts(b, a.sessionId), sent);
  });

  test("A's clock is 5 minutes fast: network time corrects it and messages still flow", async () => {
    const skewed: Clock = { now: () => Date.now() + 5 * 60_000, sleep: systemClock.sleep, setTimer: systemClock.setTimer };
    const a = await client(seed(), { clock: skewed });
    const b = await client(seed());
    const offset = a.status().clockOffsetMs;
    assert.ok(Math.abs(offset - 300_000) < 5_000, `offset ${offset} ms`);
    const arriving = next(b, 'message', (m) => m.text === 'from the future');
    const sent = await a.send(b.sessionId, 'from the future');
    const got = await arriving;
    assert.ok(Math.abs(got.sentAt - Date.now()) < 10_000, 'sent time is network time, not the skewed clock');
    assert.equal(sent.delivery, 'stored');
    const back = next(a, 'message', (m) => m.text === 'got it');
    await b.send(a.sessionId, 'got it');
    await back;
  });
});
