/**
 * The signature threads (auth/signature-pool.ts): every verify they answer is the answer core's
 * libsodium call gives on the main thread, for valid signatures and for every way a client's can
 * be wrong; answers come back in the order they were asked for whichever thread ran them; and
 * stopping the pool with verifies pending loses none.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, signDetached, signSeedKeypair, verifyDetached } from '@hush/core';
import { createSignaturePool, type SignaturePool } from '../src/auth/signature-pool.ts';
import { silentLogger } from '../src/log/logger.ts';

const user = signSeedKeypair(new Uint8Array(32).fill(0x17));
const other = signSeedKeypair(new Uint8Array(32).fill(0x42));

/** The threads start on first use (verifies meanwhile run inline): use the pool, then wait for them. */
async function warmUp(pool: SignaturePool, threads: number): Promise<void> {
  assert.equal(pool.running(), 0);
  const msg = randomBytes(8);
  assert.equal(await pool.verify(signDetached(msg, user.secretKey), msg, user.publicKey), true);
  for (let i = 0; i < 200 && pool.running() < threads; i++) await new Promise((r) => setTimeout(r, 50));
  assert.equal(pool.running(), threads);
}

async function withPool(threads: number, body: (pool: SignaturePool) => Promise<void>): Promise<void> {
  const pool = createSignaturePool({ threads, maxBatch: 8, logger: silentLogger() });
  await warmUp(pool, threads);
  try {
    await body(pool);
  } finally {
    await pool.stop();
  }
}

function flip(bytes: Uint8Array, index: number): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[index]! ^= 0x01;
  return copy;
}

/** Signature, message, key triples: valid ones and every way of being invalid a client can send. */
function cases(): Array<[Uint8Array, Uint8Array, Uint8Array]> {
  const out: Array<[Uint8Array, Uint8Array, Uint8Array]> = [];
  for (let i = 0; i < 20; i++) {
    const msg = randomBytes(i * 7);
    const sig = signDetached(msg, user.secretKey);
    out.push([sig, msg, user.publicKey]);
    out.push([flip(sig, i % 64), msg, user.publicKey]);
    if (msg.length > 0) out.push([sig, flip(msg, 0), user.publicKey]);
    out.push([sig, msg, other.publicKey]);
  }
  const msg = new TextEncoder().encode('retrieve1700000000000');
  const sig = signDetached(msg, user.secretKey);
  const neutral = new Uint8Array(32);
  neutral[0] = 1; // the neutral point: small order, libsodium refuses it
  out.push([sig, msg, neutral], [sig, msg, new Uint8Array(32)], [sig, msg, new Uint8Array(32).fill(0xff)]);
  out.push([sig.subarray(0, 63), msg, user.publicKey], [sig, msg, user.publicKey.subarray(0, 31)]);
  return out;
}

for (const threads of [0, 1, 2]) {
  describe(`signature pool, ${threads} thread(s)`, () => {
    it('verifies exactly as core does', () =>
      withPool(threads, async (pool) => {
        const all = cases();
        const got = await Promise.all(all.map(([s, m, k]) => pool.verify(s, m, k)));
        assert.deepEqual(
          got,
          all.map(([s, m, k]) => verifyDetached(s, m, k)),
        );
        assert.ok(got.includes(true) && got.includes(false));
      }));
  });
}

describe('signature pool ordering and stop', () => {
  it('settles answers in the order they were asked for, across threads and batches', () =>
    withPool(2, async (pool) => {
      const order: number[] = [];
      const jobs: Array<Promise<unknown>> = [];
      for (let i = 0; i < 60; i++) {
        const msg = randomBytes(16 + i);
        jobs.push(pool.verify(signDetached(msg, user.secretKey), msg, user.publicKey).then(() => order.push(i)));
      }
      await Promise.all(jobs);
      assert.deepEqual(
        order,
        Array.from({ length: 60 }, (_, i) => i),
      );
    }));

  it('answers what is pending when stopped, and everything after inline', async () => {
    const pool = createSignaturePool({ threads: 1, maxBatch: 4, logger: silentLogger() });
    await warmUp(pool, 1);
    const msg = randomBytes(40);
    const sig = signDetached(msg, user.secretKey);
    const pending = Array.from({ length: 12 }, (_, i) => pool.verify(i % 2 === 0 ? sig : flip(sig, 3), msg, user.publicKey));
    await pool.stop();
    assert.equal(pool.running(), 0);
    assert.deepEqual(
      await Promise.all(pending),
      pending.map((_, i) => i % 2 === 0),
    );
    assert.equal(await pool.verify(sig, msg, user.publicKey), true);
    assert.equal(await pool.verify(sig, flip(msg, 0), user.publicKey), false);
  });
});
