/**
 * The packed store batches between the main thread and the storage writer (storage/store-batch.ts):
 * a batch and its replies come back exactly as sent (property test), a truncated buffer is refused,
 * a batch mixing stores with other writes still works, and through the real writer thread every
 * store's outcome is what the client would see: new, already stored, expiry raised — and when the
 * database is full, the stores that fit succeed and the others fail, none left unanswered.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { silentLogger } from '../src/log/logger.ts';
import { createMessageStore } from '../src/storage/message-store.ts';
import { decodeStoreBatch, decodeStoreReplies, encodeStoreBatch, encodeStoreReplies, isPackableStore, type StoreOp } from '../src/storage/store-batch.ts';
import type { WriteReply } from '../src/storage/write-ops.ts';

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const storeOp = fc.record({
  owner: fc.uint8Array({ minLength: 0, maxLength: 255 }),
  namespace: fc.integer({ min: -32768, max: 32767 }),
  hash: fc.string({ maxLength: 60, unit: 'grapheme' }),
  timestamp: fc.maxSafeNat(),
  expiry: fc.maxSafeNat(),
  data: fc.uint8Array({ maxLength: 3000 }),
  publicOutbox: fc.boolean(),
}).map(({ publicOutbox, ...msg }): StoreOp => ({ op: 'store', msg, publicOutbox }));

const plain = (ops: readonly StoreOp[]): unknown =>
  ops.map((o) => ({ ...o, msg: { ...o.msg, owner: [...o.msg.owner], data: [...o.msg.data] } }));

describe('store batch format', () => {
  it('a batch decodes to the ops that were encoded', () => {
    fc.assert(
      fc.property(fc.array(storeOp, { maxLength: 20 }), (ops) => {
        assert.ok(ops.every(isPackableStore));
        assert.deepEqual(plain(decodeStoreBatch(encodeStoreBatch(ops))), plain(ops));
      }),
    );
  });

  it('successful store replies round-trip; a batch with a failure is not packed', () => {
    const outcome = fc.constantFrom('new', 'exists', 'extended', 'full');
    fc.assert(
      fc.property(fc.array(fc.record({ outcome, expiry: fc.maxSafeNat() }), { maxLength: 50 }), (values) => {
        const replies: WriteReply[] = values.map(({ outcome, expiry }) => ({ ok: true, value: { outcome, expiry } }));
        const packed = encodeStoreReplies(replies);
        assert.notEqual(packed, null);
        assert.deepEqual(decodeStoreReplies(packed!), replies);
      }),
    );
    assert.equal(encodeStoreReplies([{ ok: true, value: { outcome: 'new', expiry: 1 } }, { ok: false, error: 'database or disk is full' }]), null);
  });

  it('refuses a truncated batch and ops it cannot carry', () => {
    const op: StoreOp = { op: 'store', msg: { owner: new Uint8Array(33), namespace: 0, hash: 'h', timestamp: 1, expiry: 2, data: new Uint8Array(10) }, publicOutbox: false };
    const buf = encodeStoreBatch([op]);
    assert.throws(() => decodeStoreBatch(buf.slice(0, buf.byteLength - 1)), RangeError);
    assert.equal(isPackableStore({ ...op, msg: { ...op.msg, namespace: 40000 } }), false);
    assert.equal(isPackableStore({ ...op, msg: { ...op.msg, owner: new Uint8Array(300) } }), false);
    assert.equal(isPackableStore({ op: 'sweep', now: 1 }), false);
  });
});

describe('store batches through the writer thread', () => {
  it('gives each store its outcome, alone and mixed with other writes in one commit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-store-batch-'));
    dirs.push(dir);
    const store = createMessageStore({ dataDir: dir, logger: silentLogger() });
    await store.start();
    try {
      const owner = new Uint8Array(33).fill(5);
      const msg = (i: number, expiry: number) => ({ owner, namespace: 0, hash: `hash-${i}`, timestamp: 1000, expiry, data: new Uint8Array([i]) });
      const now = Date.now();
      // Stores only (packed), several in one commit: two new, one the same hash again.
      const first = await Promise.all([
        store.write({ op: 'store', msg: msg(1, now + 60_000), publicOutbox: false }),
        store.write({ op: 'store', msg: msg(2, now + 60_000), publicOutbox: false }),
        store.write({ op: 'store', msg: msg(1, now + 30_000), publicOutbox: false }),
      ]);
      assert.deepEqual(first.map((r) => r.outcome), ['new', 'new', 'exists']);
      assert.equal(first[2]!.expiry, now + 60_000);
      // A mixed batch (structured clone): a store raising an expiry next to a sweep.
      const [raised, swept] = await Promise.all([
        store.write({ op: 'store', msg: msg(2, now + 90_000), publicOutbox: false }),
        store.write({ op: 'sweep', now }),
      ]);
      assert.deepEqual(raised, { outcome: 'extended', expiry: now + 90_000 });
      assert.deepEqual(swept, { deleted: 0 });
      const page = store.retrieve({ owner, namespace: 0, lastHash: null, maxCount: null, maxSize: null, now });
      assert.deepEqual(page.messages.map((m) => [m.hash, m.expiry, [...m.data]]), [
        ['hash-1', now + 60_000, [1]],
        ['hash-2', now + 90_000, [2]],
      ]);
    } finally {
      await store.stop();
    }
  });
});

describe('a packed batch that fails part-way', () => {
  it('answers every store: those that fit are stored, the rest fail with HUSH_ERR_STORAGE', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hush-store-batch-full-'));
    dirs.push(dir);
    const store = createMessageStore({ dataDir: dir, logger: silentLogger(), sizeLimitBytes: 96 * 1024 });
    await store.start();
    try {
      const owner = new Uint8Array(33).fill(7);
      const now = Date.now();
      const writes = Array.from({ length: 40 }, (_, i) =>
        store.write({ op: 'store', msg: { owner, namespace: 0, hash: `full-${i}`, timestamp: now, expiry: now + 60_000, data: new Uint8Array(3000).fill(i) }, publicOutbox: false }),
      );
      const settled = await Promise.allSettled(writes);
      const stored = settled.filter((r) => r.status === 'fulfilled');
      const failed = settled.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      assert.ok(stored.length > 0 && failed.length > 0, `${stored.length} stored, ${failed.length} failed`);
      for (const f of failed) assert.equal((f.reason as { code?: string }).code, 'HUSH_ERR_STORAGE');
      for (const r of stored) assert.equal((r as PromiseFulfilledResult<{ outcome: string }>).value.outcome, 'new');
      const page = store.retrieve({ owner, namespace: 0, lastHash: null, maxCount: null, maxSize: null, now });
      assert.equal(page.messages.length, stored.length);
    } finally {
      await store.stop();
    }
  });
});
