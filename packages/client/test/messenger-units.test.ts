/**
 * The messenger's pieces without a network: verified store receipts (a lying node cannot inflate
 * "stored on N"), retrieve pages parsed as untrusted input, expiry times, and the disappearing
 * timer against a real database with a hand-driven clock.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deriveAccountKeys, randomBytes, signDetached, signSeedKeypair, toBase64, toHex, utf8 } from '@hush/core';
import type { ServiceNode } from '../src/index.ts';
import { countStoreReceipts } from '../src/messenger/store-receipts.ts';
import { parseSwarmPage } from '../src/messenger/swarm-page.ts';
import { expiresAtFor } from '../src/messenger/expiry-time.ts';
import { createExpiryTimer } from '../src/messenger/expiry-timer.ts';
import { createEventHub } from '../src/messenger/event-hub.ts';
import { openMessengerDb } from '../src/messenger/db/messenger-db.ts';
import { silentClientLogger } from '../src/runtime/logger.ts';
import type { Clock } from '../src/runtime/clock.ts';

const HASH = 'A'.repeat(43);

function member(): { node: ServiceNode; sign: (m: Uint8Array) => string } {
  const kp = signSeedKeypair(randomBytes(32));
  const node = { ed25519: toHex(kp.publicKey), x25519: '00'.repeat(32), x25519Key: new Uint8Array(32), ip: '127.0.0.1', port: 1, swarm: 5n } as ServiceNode;
  return { node, sign: (m) => toBase64(signDetached(m, kp.secretKey)) };
}

describe('store receipts', () => {
  test('counts only swarm members whose signature over our hash verifies', () => {
    const [a, b, c] = [member(), member(), member()];
    const outsider = member();
    const swarm = { id: 5n, members: [a.node, b.node, c.node] };
    const reply = {
      swarm: {
        [a.node.ed25519]: { hash: HASH, signature: a.sign(utf8(HASH)) },
        [b.node.ed25519]: { hash: HASH, signature: b.sign(utf8('B'.repeat(43))) }, // signed another hash
        [c.node.ed25519]: { failed: true, code: 503 },
        [outsider.node.ed25519]: { hash: HASH, signature: outsider.sign(utf8(HASH)) }, // not in the swarm
      },
    };
    assert.equal(countStoreReceipts(reply, HASH, swarm), 1);
    const good = { swarm: Object.fromEntries([a, b, c].map((m) => [m.node.ed25519, { hash: HASH, signature: m.sign(utf8(HASH)) }])) };
    assert.equal(countStoreReceipts(good, HASH, swarm), 3);
    assert.equal(countStoreReceipts(good, 'C'.repeat(43), swarm), 0, 'a different message hash');
  });

  test('hostile replies count zero and never throw', () => {
    const swarm = { id: 5n, members: [member().node] };
    const key = swarm.members[0]!.ed25519;
    for (const reply of [null, 'x', [], { swarm: [] }, { swarm: { [key]: null } }, { swarm: { [key]: { hash: HASH, signature: '!!' } } }, { swarm: { [key]: { hash: HASH, signature: toBase64(new Uint8Array(63)) } } }]) {
      assert.equal(countStoreReceipts(reply, HASH, swarm), 0);
    }
  });
});

describe('retrieve pages', () => {
  test('keeps well-formed entries in order, drops and counts malformed ones', () => {
    const ok = { hash: HASH, data: toBase64(utf8('hi')), expiration: 1_800_000_000_000, timestamp: 1 };
    const page = parseSwarmPage({ messages: [ok, { ...ok, hash: 'short' }, { ...ok, data: 7 }, { ...ok, expiration: 'soon' }, { ...ok, data: '***' }, null], more: true }, 100, 76_800);
    assert.ok(page);
    assert.deepEqual(page.messages.map((m) => m.hash), [HASH]);
    assert.equal(page.malformed, 5);
    assert.equal(page.more, true);
    assert.equal(parseSwarmPage({ nope: 1 }, 100, 76_800), null);
    assert.equal(parseSwarmPage({ messages: new Array(500).fill(ok) }, 100, 76_800)?.messages.length, 100, 'bounded count');
    const huge = { ...ok, data: 'A'.repeat(200_000) };
    assert.equal(parseSwarmPage({ messages: [huge] }, 100, 76_800)?.malformed, 1, 'bounded size');
  });
});

describe('disappearing messages', () => {
  test('expiry times: after-send from sent (capped by the swarm), after-read from read, off never', () => {
    assert.equal(expiresAtFor({ mode: 'off', seconds: 0 }, { sentAt: 1000, readAt: 2000 }), null);
    assert.equal(expiresAtFor({ mode: 'after-send', seconds: 5 }, { sentAt: 1000, readAt: null }), 6000);
    assert.equal(expiresAtFor({ mode: 'after-send', seconds: 5 }, { sentAt: 1000, readAt: null, swarmExpiry: 4000 }), 4000);
    assert.equal(expiresAtFor({ mode: 'after-read', seconds: 5 }, { sentAt: 1000, readAt: null }), null);
    assert.equal(expiresAtFor({ mode: 'after-read', seconds: 5 }, { sentAt: 1000, readAt: 3000 }), 8000);
  });

  test('the timer deletes each message when due and reports it, in order', () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-expiry-'));
    try {
      const self = deriveAccountKeys(randomBytes(16)).sessionId;
      const peer = deriveAccountKeys(randomBytes(16)).sessionId;
      const db = openMessengerDb(join(dir, 'm.db'), { self });
      let now = 10_000;
      const timers: Array<{ at: number; fn: () => void }> = [];
      const clock: Clock = { now: () => now, sleep: async () => undefined, setTimer: (ms, fn) => { const t = { at: now + ms, fn }; timers.push(t); return () => timers.splice(timers.indexOf(t), 1); } };
      const events = createEventHub(silentClientLogger);
      const removed: number[] = [];
      events.on('message-removed', (r) => removed.push(r.id));
      db.ensureConversation(peer, 'accepted', now);
      const add = (sentAt: number, expiresAt: number | null) =>
        db.insertMessage({ conversationId: peer, direction: 'in', author: peer, sentAt, receivedAt: now, text: `t${sentAt}`, delivery: 'stored', storedOn: 0, swarmSize: 0, error: null, readAt: null, disappearing: { mode: 'after-send', seconds: 5 }, expiresAt })!.id;
      const later = add(1, 20_000);
      const sooner = add(2, 15_000);
      const keep = add(3, null);
      const timer = createExpiryTimer({ db, events, clock });
      timer.reschedule();
      assert.equal(timers.length, 1);
      assert.equal(timers[0]!.at, 15_000, 'set for the next expiry');
      now = 15_000;
      timers.shift()!.fn();
      assert.deepEqual(removed, [sooner]);
      now = 20_000;
      timers.shift()!.fn();
      assert.deepEqual(removed, [sooner, later]);
      assert.equal(timers.length, 0, 'nothing left to wait for');
      assert.deepEqual(db.listMessages(peer).map((m) => m.id), [keep]);
      timer.stop();
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('receive loop', () => {
  test('asks every retrieve to long-poll; a node that answers empty at once twice in a row is polled at an interval, one that waits is long-polled again, and a single early answer changes nothing', async () => {
    const { createPoller } = await import('../src/messenger/poller.ts');
    const { MESSENGER_LIMITS } = await import('../src/messenger/messenger-limits.ts');
    let now = 1_000_000;
    const sleeps: number[] = [];
    const clock: Clock = { now: () => now, sleep: async (ms) => { sleeps.push(ms); now += ms; }, setTimer: () => () => undefined };
    const asked: unknown[] = [];
    // Per round: does the node wait before answering empty? Quick, quick, then waits, then one early answer.
    const waits = [false, false, true, true, false, true, true];
    const states: boolean[] = [];
    let rounds = 0;
    const stopAfter = waits.length;
    let reached = (): void => undefined;
    const enough = new Promise<void>((r) => (reached = r));
    const onion = {
      networkTime: { now: () => now },
      async requestSwarm(_pk: string, body: { params: Record<string, unknown> }) {
        asked.push(body.params['long_poll_ms']);
        const nodeWaits = waits[rounds] ?? true;
        if (++rounds >= stopAfter) reached();
        if (nodeWaits) now += 5_000;
        return { reply: { status: 200, body: '', json: { messages: [], more: false } } };
      },
    };
    const keys = deriveAccountKeys(randomBytes(16));
    const poller = createPoller({
      onion: onion as never, keys, clock, logger: silentClientLogger, limits: MESSENGER_LIMITS,
      lastHash: () => null, setLastHash: () => undefined, receive: () => 0,
      onState: (s) => states.push(s.longPolling),
    });
    poller.start();
    await enough;
    await poller.stop();
    assert.ok(asked.length >= 4);
    assert.ok(asked.every((v) => v === MESSENGER_LIMITS.longPollMs), 'long_poll_ms on every retrieve');
    assert.deepEqual(states.slice(0, 6), [true, false, true, true, true, true], 'two quick empty answers → polling; waiting answers → long-polling; one early answer alone → still long-polling');
    assert.deepEqual(sleeps.slice(0, 3), [MESSENGER_LIMITS.pollIntervalMs, MESSENGER_LIMITS.pollIntervalMs, MESSENGER_LIMITS.pollIntervalMs], 'every quick empty answer is followed by a pause');
  });
});
