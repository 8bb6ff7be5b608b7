/**
 * Layer key pairs made ahead of time: the pool hands out each pair once, each public key belongs
 * to its secret, and a request built with them is byte for byte the request built without.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildOnionRequest, randomBytes, toHex, x25519Base } from '@hush/core';
import { createEphemeralPool, systemRandom, type Clock } from '../src/index.ts';

test('the pool hands out fresh, matching pairs and refills on a timer, never blocking a request', () => {
  const timers: Array<() => void> = [];
  const clock: Clock = { now: () => 0, sleep: async () => undefined, setTimer: (_ms, fn) => (timers.push(fn), () => undefined) };
  const pool = createEphemeralPool(systemRandom, clock, 8);
  const seen = new Set<string>();
  for (let round = 0; round < 5; round++) {
    const { secrets, publics } = pool.take(4);
    assert.equal(secrets.length, 4);
    for (const [i, s] of secrets.entries()) {
      assert.deepEqual(publics[i], x25519Base(s), 'public key of its secret');
      assert.ok(!seen.has(toHex(s)), 'never handed out twice');
      seen.add(toHex(s));
    }
    assert.ok(timers.length <= 1, 'one refill scheduled at a time');
    timers.splice(0).forEach((fn) => fn());
  }
});

test('a request built with precomputed public keys is the same bytes as one built without', () => {
  const hops = [0, 1, 2].map(() => ({ ed25519: toHex(randomBytes(32)), x25519: x25519Base(randomBytes(32)) }));
  const destination = { type: 'snode' as const, ed25519: toHex(randomBytes(32)), x25519: x25519Base(randomBytes(32)) };
  const ephemeralSecrets = [0, 1, 2, 3].map(() => randomBytes(32));
  const nonces = [0, 1, 2, 3].map(() => randomBytes(24));
  const payload = randomBytes(100);
  const plain = buildOnionRequest({ hops, destination, payload, encType: 'xchacha20', random: { ephemeralSecrets, nonces } });
  const ahead = buildOnionRequest({ hops, destination, payload, encType: 'xchacha20', random: { ephemeralSecrets, nonces, ephemeralPublics: ephemeralSecrets.map((s) => x25519Base(s)) } });
  assert.deepEqual(ahead.wire, plain.wire);
  assert.deepEqual(ahead.destinationKey, plain.destinationKey);
  assert.deepEqual(ahead.gcmFallbackKey, plain.gcmFallbackKey);
  assert.throws(() => buildOnionRequest({ hops, destination, payload, encType: 'xchacha20', random: { ephemeralSecrets, nonces, ephemeralPublics: [] } }), { code: 'HUSH_ERR_BAD_ARGUMENT' });
});
