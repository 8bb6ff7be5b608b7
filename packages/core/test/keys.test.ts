import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromHex, toHex } from '../src/bytes.ts';
import { x25519 } from '../src/crypto/sodium.ts';
import { HushError } from '../src/errors.ts';
import type { SessionId, X25519PublicKey } from '../src/types.ts';
import { asX25519PublicKey } from '../src/keys/brands.ts';
import { normalizeSeed } from '../src/keys/seed.ts';
import { deriveAccountKeys } from '../src/keys/account-keys.ts';
import {
  SESSION_ID_PREFIXES,
  parseBlindedId,
  parseSessionId,
  parseUserSessionId,
  sessionIdFromX25519,
  sessionIdPrefix,
  sessionIdPublicKey,
  sessionIdToX25519,
} from '../src/keys/session-id.ts';
import { decodeMnemonic } from '../src/mnemonic/decode.ts';
import { clientVector, conformance } from './vectors.ts';
import { throwsHush } from './throws-hush.ts';

const ID_A = '05d2ad010eeb72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72';
const KEY_A = ID_A.slice(2);

test('session_id_from_seed conformance vectors (16- and 32-byte seeds)', () => {
  const vectors = conformance('session_id_from_seed');
  assert.ok(vectors.length >= 3);
  for (const v of vectors) {
    const keys = deriveAccountKeys(fromHex(v.input['seed'], 'seed'));
    assert.equal(toHex(keys.ed25519PublicKey), v.expect['ed25519_pk'], v.name);
    assert.equal(toHex(keys.x25519PublicKey), v.expect['x25519_pk'], v.name);
    assert.equal(keys.sessionId, v.expect['session_id'], v.name);
  }
});

test('keys.seed_to_session_id A and B: every key, from the 32-byte seed and from its 16-byte form', () => {
  for (const name of ['keys.seed_to_session_id.A', 'keys.seed_to_session_id.B']) {
    const v = clientVector(name);
    const seed32 = fromHex(v.inputs['ed25519_seed_hex'], 'seed', 32);
    assert.equal(toHex(seed32.subarray(16)), '00'.repeat(16), 'these seeds are padded 16-byte seeds');
    for (const seed of [seed32, seed32.slice(0, 16)]) {
      const keys = deriveAccountKeys(seed);
      assert.equal(toHex(keys.seed), toHex(seed32));
      assert.equal(toHex(keys.ed25519PublicKey), v.expected['ed25519_pubkey_hex']);
      assert.equal(toHex(keys.ed25519SecretKey), toHex(seed32) + String(v.expected['ed25519_pubkey_hex']));
      assert.equal(toHex(keys.x25519PublicKey), v.expected['x25519_pubkey_hex']);
      assert.equal(toHex(keys.x25519SecretKey), v.expected['x25519_secret_hex']);
      assert.equal(keys.sessionId, v.expected['session_id']);
    }
  }
});

test('keys.multi_encrypt_seeds_x25519: five seeds to their X25519 keys and Session IDs', () => {
  const v = clientVector('keys.multi_encrypt_seeds_x25519');
  const seeds = v.inputs['ed25519_seeds_hex'] as string[];
  const pks = v.expected['x25519_pubkeys_hex'] as string[];
  assert.equal(seeds.length, 5);
  seeds.forEach((seedHex, i) => {
    const keys = deriveAccountKeys(fromHex(seedHex, 'seed', 32));
    assert.equal(toHex(keys.x25519PublicKey), pks[i]);
    assert.equal(keys.sessionId, `05${pks[i]}`);
  });
});

test('mnemonic.to_session_id.end_to_end: recovery phrase to Session ID', () => {
  const v = clientVector('mnemonic.to_session_id.end_to_end');
  const seed = decodeMnemonic(String(v.inputs['words']));
  assert.equal(toHex(seed), v.expected['seed16_hex']);
  const keys = deriveAccountKeys(seed);
  assert.equal(toHex(keys.seed), v.expected['ed25519_seed_hex']);
  assert.equal(keys.sessionId, v.expected['session_id']);
});

test('normalizeSeed pads 16 bytes with zeros, copies 32 bytes, rejects other lengths naming the length', () => {
  const s16 = fromHex('0123456789abcdef0123456789abcdef', 's');
  assert.equal(toHex(normalizeSeed(s16)), `0123456789abcdef0123456789abcdef${'00'.repeat(16)}`);
  const s32 = fromHex('ff'.repeat(32), 's');
  const n32 = normalizeSeed(s32);
  assert.equal(toHex(n32), 'ff'.repeat(32));
  s32.fill(0);
  assert.equal(toHex(n32), 'ff'.repeat(32), 'the result does not alias the input');
  for (const len of [0, 1, 15, 17, 24, 31, 33, 64]) {
    const err = throwsHush(() => normalizeSeed(new Uint8Array(len)), 'HUSH_ERR_BAD_SEED', [`got ${len}`]);
    assert.equal(err.details['got'], len);
    throwsHush(() => deriveAccountKeys(new Uint8Array(len)), 'HUSH_ERR_BAD_SEED', [`got ${len}`]);
  }
  for (const bad of [null, undefined, 'seed', Array.from({ length: 16 }, () => 0), new ArrayBuffer(16)]) {
    throwsHush(() => normalizeSeed(bad as unknown as Uint8Array), 'HUSH_ERR_BAD_SEED');
  }
});

test('property: derived keys form working pairs and a 16-byte seed equals its padded form', () => {
  fc.assert(
    fc.property(fc.uint8Array({ minLength: 16, maxLength: 16 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (a16, b32) => {
      const a = deriveAccountKeys(a16);
      const padded = new Uint8Array(32);
      padded.set(a16);
      assert.equal(deriveAccountKeys(padded).sessionId, a.sessionId);
      const b = deriveAccountKeys(b32);
      // X25519 keys are a real pair: both sides agree on the shared secret.
      assert.equal(toHex(x25519(a.x25519SecretKey, b.x25519PublicKey)), toHex(x25519(b.x25519SecretKey, a.x25519PublicKey)));
      // Every real account id passes the strict user-id parser and round-trips.
      assert.equal(parseUserSessionId(a.sessionId.toUpperCase()), a.sessionId);
      assert.equal(toHex(sessionIdToX25519(b.sessionId)), toHex(b.x25519PublicKey));
    }),
    { numRuns: 100 },
  );
});

test('parseSessionId accepts every known prefix and returns lowercase', () => {
  for (const prefix of SESSION_ID_PREFIXES) {
    const id = `${prefix}${KEY_A}`;
    assert.equal(parseSessionId(id), id);
    assert.equal(parseSessionId(id.toUpperCase()), id);
    assert.equal(sessionIdPrefix(parseSessionId(id)), prefix);
  }
  assert.deepEqual([...SESSION_ID_PREFIXES].sort(), ['00', '03', '05', '15', '25']);
  assert.equal(parseSessionId('05D2aD010EEB72d72e561d9de7bd7b6989af77dcabffa03a5111a6c859ae5c3a72'), ID_A);
});

test('parseSessionId errors say what is wrong and name the field', () => {
  for (const bad of [5, null, undefined, {}, ['05'], Buffer.from(ID_A, 'hex')]) {
    throwsHush(() => parseSessionId(bad, 'recipient'), 'HUSH_ERR_BAD_SESSION_ID', ['recipient', 'string']);
  }
  for (const len of [0, 2, 64, 65, 67, 132]) {
    const value = `05${KEY_A}${KEY_A}`.slice(0, len).padEnd(len, '0');
    throwsHush(() => parseSessionId(value, 'recipient'), 'HUSH_ERR_BAD_SESSION_ID', ['recipient', String(len), '66']);
  }
  for (const value of [`05${KEY_A.slice(0, 63)}g`, `0x${KEY_A}`, `05 ${KEY_A.slice(1)}`, `05${KEY_A.slice(0, 63)}é`]) {
    throwsHush(() => parseSessionId(value), 'HUSH_ERR_BAD_SESSION_ID', ['hex']);
  }
  for (const prefix of ['06', '07', '01', 'ff', 'AB']) {
    const err = throwsHush(() => parseSessionId(`${prefix}${KEY_A}`), 'HUSH_ERR_BAD_SESSION_ID', [
      `"${prefix.toLowerCase()}"`,
      'unknown prefix',
    ]);
    assert.equal(err.details['prefix'], prefix.toLowerCase());
  }
  throwsHush(() => parseSessionId(`03${KEY_A}`, 'member', ['05']), 'HUSH_ERR_BAD_SESSION_ID', ['member', '"03"', 'not allowed', '05']);
  throwsHush(() => parseSessionId(ID_A, 'group', ['03']), 'HUSH_ERR_BAD_SESSION_ID', ['"05"', 'not allowed']);
});

test('property: parseSessionId never throws anything but HUSH_ERR_BAD_SESSION_ID on arbitrary input', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 80 }), fc.anything()), (value) => {
      try {
        const id = parseSessionId(value);
        assert.match(id, /^(05|03|15|25|00)[0-9a-f]{64}$/);
      } catch (err) {
        assert.ok(err instanceof HushError && err.code === 'HUSH_ERR_BAD_SESSION_ID', String(err));
      }
    }),
    { numRuns: 200 },
  );
});

// Canonical little-endian u-coordinates of low-order Curve25519 points (0, 1, the two order-8
// points, p-1), written out independently of the implementation.
const LOW_ORDER = [
  '00'.repeat(32),
  `01${'00'.repeat(31)}`,
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800',
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157',
  `ec${'ff'.repeat(30)}7f`,
];

test('parseUserSessionId rejects low-order keys (libsodium refuses to use them too)', () => {
  const sk = deriveAccountKeys(new Uint8Array(16)).x25519SecretKey;
  for (const key of LOW_ORDER) {
    assert.throws(() => x25519(sk, fromHex(key, 'k')), (e: unknown) => e instanceof HushError && e.code === 'HUSH_ERR_BAD_KEY');
    throwsHush(() => parseUserSessionId(`05${key}`, 'to'), 'HUSH_ERR_BAD_SESSION_ID', ['to', 'low-order']);
    throwsHush(() => sessionIdFromX25519(fromHex(key, 'k') as X25519PublicKey), 'HUSH_ERR_BAD_SESSION_ID');
  }
});

test('parseUserSessionId rejects non-canonical keys and other prefixes', () => {
  const p = `ed${'ff'.repeat(30)}7f`; // u = 2^255 - 19
  const pPlus1 = `ee${'ff'.repeat(30)}7f`;
  const allOnes = 'ff'.repeat(32);
  const topBitSet = KEY_A.slice(0, 62) + (parseInt(KEY_A.slice(62), 16) | 0x80).toString(16);
  for (const key of [p, pPlus1, allOnes, topBitSet]) {
    throwsHush(() => parseUserSessionId(`05${key}`), 'HUSH_ERR_BAD_SESSION_ID', ['canonical']);
  }
  assert.equal(parseUserSessionId(`05${'ec'}${'ff'.repeat(30)}7e`), `05ec${'ff'.repeat(30)}7e`, 'u = p - 2^248 - 1 is fine');
  for (const prefix of ['03', '15', '25', '00']) {
    throwsHush(() => parseUserSessionId(`${prefix}${KEY_A}`), 'HUSH_ERR_BAD_SESSION_ID', [`"${prefix}"`, 'not allowed']);
  }
  throwsHush(() => parseUserSessionId(42), 'HUSH_ERR_BAD_SESSION_ID', ['string']);
});

test('Session ID key accessors and conversions', () => {
  const id = parseUserSessionId(ID_A);
  assert.equal(sessionIdPrefix(id), '05');
  assert.equal(toHex(sessionIdPublicKey(id)), KEY_A);
  assert.equal(sessionIdPublicKey(id).length, 32);
  assert.equal(toHex(sessionIdPublicKey(parseSessionId(`03${KEY_A.toUpperCase()}`))), KEY_A);
  assert.equal(toHex(sessionIdToX25519(id)), KEY_A);
  assert.equal(sessionIdFromX25519(asX25519PublicKey(fromHex(KEY_A, 'k'))), ID_A);
  throwsHush(() => sessionIdFromX25519(new Uint8Array(31) as X25519PublicKey), 'HUSH_ERR_BAD_LENGTH');
  throwsHush(() => sessionIdPrefix('06abc' as SessionId), 'HUSH_ERR_BAD_SESSION_ID');
});

test('parseBlindedId accepts 15 and 25 ids only', () => {
  assert.equal(parseBlindedId(`15${KEY_A}`), `15${KEY_A}`);
  assert.equal(parseBlindedId(`25${KEY_A.toUpperCase()}`), `25${KEY_A}`);
  for (const prefix of ['05', '03', '00']) {
    throwsHush(() => parseBlindedId(`${prefix}${KEY_A}`, 'sender'), 'HUSH_ERR_BAD_SESSION_ID', ['sender', 'not allowed']);
  }
});
