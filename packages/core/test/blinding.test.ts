import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from '../src/bytes.ts';
import {
  blake2b,
  edPkToCurve,
  edSkToCurve,
  ed25519ScalarMult,
  signSeedKeypair,
  verifyDetached,
  xchachaEncrypt,
} from '../src/crypto/sodium.ts';
import { HushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';
import type { Ed25519SecretKey } from '../src/types.ts';
import { ed25519FromX25519 } from '../src/blinding/xed25519.ts';
import { blind15Candidates, blind15Factor, blind15Id, blind15KeyPair, blind15Sign } from '../src/blinding/blind15.ts';
import { blind25Factor, blind25Id, blind25IdFromSessionId, blind25KeyPair, blind25Sign } from '../src/blinding/blind25.ts';
import { decryptFromBlindedRecipient, encryptForBlindedRecipient } from '../src/blinding/blinded-dm.ts';
import { signSogsRequest, verifySogsRequest } from '../src/blinding/sogs-auth.ts';
import { clientVector as loadClientVector, conformance as loadConformance } from './vectors.ts';

const conformance = (kind: string) => loadConformance<Record<string, unknown>>(kind);
const clientVector = (name: string) => loadClientVector<Record<string, unknown>, unknown>(name);


function str(record: Record<string, unknown>, key: string): string {
  const v = record[key];
  assert.equal(typeof v, 'string', `${key} is a string`);
  return v as string;
}

function throwsHush(fn: () => unknown, code: HushErrorCode): HushError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof HushError, `expected a HushError ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  return caught;
}

function skFromSeed(seedHex: string): Ed25519SecretKey {
  return signSeedKeypair(fromHex(seedHex, 'seed', 32)).secretKey as Ed25519SecretKey;
}

function sessionIdOf(sk: Uint8Array): string {
  return `05${toHex(edPkToCurve(sk.subarray(32)))}`;
}

const seedArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const skArb = seedArb.map((seed) => signSeedKeypair(seed).secretKey as Ed25519SecretKey);
const serverPkArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const nonce24Arb = fc.uint8Array({ minLength: 24, maxLength: 24 });

// ---------------------------------------------------------------- xed25519

test('ed25519FromX25519 recovers the sign-bit-0 Ed25519 key of random accounts', () => {
  fc.assert(
    fc.property(seedArb, (seed) => {
      const { publicKey } = signSeedKeypair(seed);
      const positive = Uint8Array.from(publicKey);
      positive[31] = positive[31]! & 0x7f;
      assert.equal(toHex(ed25519FromX25519(edPkToCurve(publicKey))), toHex(positive));
    }),
    { numRuns: 200 },
  );
});

test('ed25519FromX25519 rejects u = −1, non-canonical u and low-order results', () => {
  const le = (hex: string): Uint8Array => fromHex(hex, 'u', 32);
  // u = p − 1: u + 1 ≡ 0
  throwsHush(() => ed25519FromX25519(le('ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')), 'HUSH_ERR_BAD_KEY');
  // u = p and u with bit 255 set: not canonical
  throwsHush(() => ed25519FromX25519(le('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')), 'HUSH_ERR_BAD_KEY');
  const topBit = new Uint8Array(32);
  topBit[0] = 9;
  topBit[31] = 0x80;
  throwsHush(() => ed25519FromX25519(topBit), 'HUSH_ERR_BAD_KEY');
  // u = 0 → y = −1 (order 2) and u = 1 → y = 0 (order 4): not prime-order points
  throwsHush(() => ed25519FromX25519(new Uint8Array(32)), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => ed25519FromX25519(le('0100000000000000000000000000000000000000000000000000000000000000')), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => ed25519FromX25519(new Uint8Array(31)), 'HUSH_ERR_BAD_LENGTH');
});

// ---------------------------------------------------------------- conformance.json

test('conformance blind15_id', () => {
  for (const v of conformance('blind15_id')) {
    const id = blind15Id(skFromSeed(v.input['seed']!), fromHex(v.input['server_pk'], 'server_pk', 32));
    assert.equal(id, v.expect['blinded_id'], v.name);
  }
});

test('conformance blind15_candidates', () => {
  for (const v of conformance('blind15_candidates')) {
    const ids = blind15Candidates(v.input['session_id']!, fromHex(v.input['server_pk'], 'server_pk', 32));
    assert.deepEqual(ids, v.expect['blinded_ids'], v.name);
  }
});

test('conformance blind25_id and blind25_id_from_session_id', () => {
  for (const v of conformance('blind25_id')) {
    const id = blind25Id(skFromSeed(v.input['seed']!), fromHex(v.input['server_pk'], 'server_pk', 32));
    assert.equal(id, v.expect['blinded_id'], v.name);
  }
  for (const v of conformance('blind25_id_from_session_id')) {
    const id = blind25IdFromSessionId(v.input['session_id']!, fromHex(v.input['server_pk'], 'server_pk', 32));
    assert.equal(id, v.expect['blinded_id'], v.name);
  }
});

test('conformance decrypt_blinded_dm', () => {
  for (const v of conformance('decrypt_blinded_dm')) {
    const sk = skFromSeed(v.input['recipient_seed']!);
    const serverPk = fromHex(v.input['server_pk'], 'server_pk', 32);
    const ciphertext = fromHex(v.input['ciphertext'], 'ciphertext');
    const expected = { plaintext: v.expect['plaintext'], senderSessionId: v.expect['sender_session_id'] };
    const got = decryptFromBlindedRecipient(sk, serverPk, v.input['sender_blinded_id']!, undefined, ciphertext);
    assert.deepEqual({ plaintext: toHex(got.plaintext), senderSessionId: got.senderSessionId }, expected, v.name);
    // Same result when the recipient's own id is given explicitly.
    const own = blind25Id(sk, serverPk);
    const again = decryptFromBlindedRecipient(sk, serverPk, v.input['sender_blinded_id']!, own, ciphertext);
    assert.equal(toHex(again.plaintext), expected.plaintext);
  }
});

// ---------------------------------------------------------------- session-client-vectors.json

const b25 = clientVector('blinding.blind25_ids');
const sk1 = fromHex(str(b25.inputs, 'ed25519_secret1_hex'), 'sk1', 64) as Ed25519SecretKey;
const sk2 = fromHex(str(b25.inputs, 'ed25519_secret2_hex'), 'sk2', 64) as Ed25519SecretKey;

test('blinding.blind25_ids: from the secret key and from the Session ID', () => {
  const keys: Record<string, Ed25519SecretKey> = { session_id1: sk1, session_id2: sk2 };
  assert.equal(sessionIdOf(sk1), b25.inputs['session_id1']);
  assert.equal(sessionIdOf(sk2), b25.inputs['session_id2']);
  assert.ok(sk2[63]! & 0x80, 'vector key 2 has a negative Ed25519 key');
  const cases = b25.expected as { session_id: string; server_pk: string; blinded25: string }[];
  assert.equal(cases.length, 3);
  for (const c of cases) {
    const serverPk = fromHex(c.server_pk, 'server_pk', 32);
    assert.equal(blind25Id(keys[c.session_id]!, serverPk), c.blinded25);
    assert.equal(blind25IdFromSessionId(str(b25.inputs, c.session_id), serverPk), c.blinded25);
  }
});

test('blinding.blind15_ids: candidates from the Session ID, real id from the secret', () => {
  const v = clientVector('blinding.blind15_ids');
  const e = v.expected as Record<string, string>;
  const serverPk = fromHex(str(v.inputs, 'server_pk'), 'server_pk', 32);
  const c1 = blind15Candidates(str(v.inputs, 'session_id1'), serverPk);
  const c2 = blind15Candidates(str(v.inputs, 'session_id2'), serverPk);
  assert.equal(c1[0], e['blinded15_from_session_id1']);
  assert.equal(c2[0], e['blinded15_from_session_id2']);
  assert.equal(c2[1], e['blinded15_actually_used_by_owner_of_session_id2']);
  // the same accounts as blinding.blind25_ids: key 1 positive, key 2 negative
  assert.equal(blind15Id(sk1, serverPk), e['blinded15_from_session_id1']);
  assert.equal(blind15Id(sk2, serverPk), e['blinded15_actually_used_by_owner_of_session_id2']);
});

test('blinding.blind15_sign / blind25_sign: exact bytes and plain Ed25519 verification', () => {
  for (const [name, sign, keyPair] of [
    ['blinding.blind15_sign', blind15Sign, blind15KeyPair],
    ['blinding.blind25_sign', blind25Sign, blind25KeyPair],
  ] as const) {
    const v = clientVector(name);
    const e = v.expected as Record<string, string>;
    const sk = fromHex(str(v.inputs, 'ed25519_secret_hex'), 'sk', 64) as Ed25519SecretKey;
    const serverPk = fromHex(str(v.inputs, 'server_pk'), 'server_pk', 32);
    const message = utf8(str(v.inputs, 'message_utf8'));
    const sig = sign(sk, serverPk, message);
    assert.equal(toHex(sig), e['signature_hex'], name);
    assert.equal(toHex(keyPair(sk, serverPk).publicKey), e['verifies_with'], name);
    assert.ok(verifyDetached(sig, message, fromHex(e['verifies_with'], 'kA', 32)), name);
    assert.ok(!verifyDetached(sig, utf8('hellO'), fromHex(e['verifies_with'], 'kA', 32)), name);
  }
});

test('blinding.test_seed_A_on_server_1d7e (negative Ed25519 key)', () => {
  const v = clientVector('blinding.test_seed_A_on_server_1d7e');
  const e = v.expected as Record<string, string>;
  const sk = skFromSeed(str(v.inputs, 'ed25519_seed_hex'));
  const serverPk = fromHex(str(v.inputs, 'server_pk_hex'), 'server_pk', 32);
  const sid = sessionIdOf(sk);
  assert.equal(blind15Id(sk, serverPk), e['blinded15_from_secret']);
  assert.deepEqual(blind15Candidates(sid, serverPk), [e['blinded15_from_session_id'], e['blinded15_from_secret']]);
  assert.equal(blind25Id(sk, serverPk), e['blinded25']);
  assert.equal(blind25IdFromSessionId(sid, serverPk), e['blinded25']);
});

// ---------------------------------------------------------------- SOGS request headers

const sogs = clientVector('sogs.auth_headers.blinded15');
const sogsUnblinded = clientVector('sogs.auth_headers.unblinded');
const sogsSk = fromHex(str(sogs.inputs, 'ed25519_secret_hex'), 'sk', 64) as Ed25519SecretKey;
const sogsServerPk = fromHex(str(sogs.inputs, 'server_pk_hex'), 'server_pk', 32);
const sogsNonce = fromBase64(str(sogs.inputs, 'nonce_b64'), 'nonce');
const sogsTs = sogs.inputs['timestamp'] as number;
const sogsMethod = str(sogs.inputs, 'method');
const sogsPath = str(sogs.inputs, 'path');
const sogsBody = utf8(str(sogs.inputs, 'body_utf8_for_body_case'));

/** The signed bytes, written out here independently of sogs-auth.ts. */
function sogsMessage(body?: Uint8Array): Uint8Array {
  const parts = [sogsServerPk, sogsNonce, utf8(String(sogsTs)), utf8(sogsMethod), utf8(sogsPath)];
  return body ? concatBytes(...parts, blake2b(64, body)) : concatBytes(...parts);
}

function sogsSign(blind: boolean, body?: Uint8Array): ReturnType<typeof signSogsRequest> {
  const base = { edSk64: sogsSk, serverPk: sogsServerPk, method: sogsMethod, path: sogsPath, timestampSeconds: sogsTs, nonce16: sogsNonce, blind };
  return signSogsRequest(body ? { ...base, body } : base);
}

function sogsVerify(headers: unknown, body?: Uint8Array, nowSeconds = sogsTs): ReturnType<typeof verifySogsRequest> {
  const base = { headers, serverPk: sogsServerPk, method: sogsMethod, path: sogsPath, nowSeconds };
  return verifySogsRequest(body ? { ...base, body } : base);
}

test('sogs.auth_headers.blinded15: headers, and signatures valid over the exact message', () => {
  const e = sogs.expected as Record<string, string>;
  for (const body of [undefined, sogsBody]) {
    const h = sogsSign(true, body);
    assert.equal(h['X-SOGS-Pubkey'], e['X-SOGS-Pubkey']);
    assert.equal(h['X-SOGS-Nonce'], e['X-SOGS-Nonce']);
    assert.equal(h['X-SOGS-Timestamp'], e['X-SOGS-Timestamp']);
    const kA = fromHex(e['X-SOGS-Pubkey']!.slice(2), 'kA', 32);
    assert.ok(verifyDetached(fromBase64(h['X-SOGS-Signature'], 'sig'), sogsMessage(body), kA));
  }
  // Desktop's own signatures (a different but valid nonce derivation) verify over our message.
  assert.ok(verifyDetached(fromBase64(e['X-SOGS-Signature_no_body'], 'sig'), sogsMessage(), fromHex(e['X-SOGS-Pubkey']!.slice(2), 'kA', 32)));
  const desktopNoBody = { ...e, 'X-SOGS-Signature': e['X-SOGS-Signature_no_body'] };
  const desktopWithBody = { ...e, 'X-SOGS-Signature': e['X-SOGS-Signature_with_body'] };
  assert.equal(sogsVerify(desktopNoBody)?.sessionId, e['X-SOGS-Pubkey']);
  assert.equal(sogsVerify(desktopWithBody, sogsBody)?.sessionId, e['X-SOGS-Pubkey']);
  throwsHush(() => sogsVerify(desktopWithBody), 'HUSH_ERR_BAD_SIGNATURE');
});

test('sogs.auth_headers.unblinded: exact headers', () => {
  const e = sogsUnblinded.expected as Record<string, string>;
  const noBody = sogsSign(false);
  assert.equal(noBody['X-SOGS-Pubkey'], e['X-SOGS-Pubkey']);
  assert.equal(noBody['X-SOGS-Signature'], e['X-SOGS-Signature_no_body']);
  assert.equal(sogsSign(false, sogsBody)['X-SOGS-Signature'], e['X-SOGS-Signature_with_body']);
  const verified = sogsVerify(noBody);
  assert.equal(verified?.blinded, false);
  assert.equal(verified?.sessionId, sessionIdOf(sogsSk));
});

test('verifySogsRequest: round trip, encodings, and every rejection', () => {
  const h = sogsSign(true, sogsBody);
  const ok = sogsVerify(h, sogsBody);
  assert.deepEqual(ok, { sessionId: h['X-SOGS-Pubkey'], blinded: true, nonce: sogsNonce, timestampSeconds: sogsTs });
  // header names in any case (node lower-cases them); nonce and signature as hex
  const lower = Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
  assert.ok(sogsVerify(lower, sogsBody));
  const hexed = { ...h, 'X-SOGS-Nonce': toHex(sogsNonce), 'X-SOGS-Signature': toHex(fromBase64(h['X-SOGS-Signature'], 's')) };
  assert.ok(sogsVerify(hexed, sogsBody));
  assert.equal(sogsVerify({}), null);

  throwsHush(() => sogsVerify(h, utf8('other body')), 'HUSH_ERR_BAD_SIGNATURE');
  throwsHush(() => sogsVerify(h), 'HUSH_ERR_BAD_SIGNATURE');
  throwsHush(() => verifySogsRequest({ headers: h, serverPk: sogsServerPk, method: 'POST', path: sogsPath, body: sogsBody, nowSeconds: sogsTs }), 'HUSH_ERR_BAD_SIGNATURE');
  throwsHush(() => verifySogsRequest({ headers: h, serverPk: sogsServerPk, method: sogsMethod, path: '/room/x', body: sogsBody, nowSeconds: sogsTs }), 'HUSH_ERR_BAD_SIGNATURE');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Timestamp': String(sogsTs + 1) }, sogsBody), 'HUSH_ERR_BAD_SIGNATURE');
  throwsHush(() => sogsVerify(h, sogsBody, sogsTs + 24 * 3600 + 1), 'HUSH_ERR_TIMESTAMP_MISMATCH');
  assert.ok(sogsVerify(h, sogsBody, sogsTs - 24 * 3600));
  const { 'X-SOGS-Nonce': _omitted, ...missingNonce } = h;
  throwsHush(() => sogsVerify(missingNonce, sogsBody), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Nonce': 'AAAA' }, sogsBody), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Timestamp': '-5' }, sogsBody), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Pubkey': `25${h['X-SOGS-Pubkey'].slice(2)}` }, sogsBody), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Pubkey': `15${'00'.repeat(32)}` }, sogsBody), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => sogsVerify({ ...h, 'X-SOGS-Signature': ['a', 'b'] }, sogsBody), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => sogsVerify(null), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => signSogsRequest({ edSk64: sogsSk, serverPk: sogsServerPk, method: 'get', path: sogsPath, timestampSeconds: sogsTs, nonce16: sogsNonce, blind: true }), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => signSogsRequest({ edSk64: sogsSk, serverPk: sogsServerPk, method: 'GET', path: 'room', timestampSeconds: sogsTs, nonce16: sogsNonce, blind: true }), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => signSogsRequest({ edSk64: sogsSk, serverPk: sogsServerPk, method: 'GET', path: sogsPath, timestampSeconds: 1.5, nonce16: sogsNonce, blind: true }), 'HUSH_ERR_BAD_ARGUMENT');
  throwsHush(() => signSogsRequest({ edSk64: sogsSk, serverPk: sogsServerPk, method: 'GET', path: sogsPath, timestampSeconds: sogsTs, nonce16: new Uint8Array(15), blind: true }), 'HUSH_ERR_BAD_LENGTH');
});

// ---------------------------------------------------------------- properties

test('property: ids from the secret match the ids computable from the Session ID', () => {
  fc.assert(
    fc.property(skArb, serverPkArb, (sk, serverPk) => {
      const sid = sessionIdOf(sk);
      assert.equal(blind25Id(sk, serverPk), blind25IdFromSessionId(sid, serverPk));
      const candidates = blind15Candidates(sid, serverPk);
      const negative = (sk[63]! & 0x80) !== 0;
      assert.equal(blind15Id(sk, serverPk), candidates[negative ? 1 : 0]);
    }),
    { numRuns: 100 },
  );
});

test('property: blinded signatures verify as plain Ed25519 with the blinded key', () => {
  fc.assert(
    fc.property(skArb, serverPkArb, fc.uint8Array({ maxLength: 200 }), (sk, serverPk, message) => {
      for (const [sign, id] of [
        [blind15Sign, blind15Id],
        [blind25Sign, blind25Id],
      ] as const) {
        const key = fromHex(id(sk, serverPk).slice(2), 'key', 32);
        const sig = sign(sk, serverPk, message);
        assert.ok(verifyDetached(sig, message, key));
        assert.ok(!verifyDetached(sig, concatBytes(message, Uint8Array.of(0)), key));
      }
    }),
    { numRuns: 50 },
  );
});

test('property: blinded DM round trip (15 and 25), recipient inbox and sender outbox', () => {
  fc.assert(
    fc.property(skArb, skArb, serverPkArb, fc.uint8Array({ maxLength: 300 }), nonce24Arb, (alice, bob, serverPk, message, nonce) => {
      for (const blindId of [blind15Id, blind25Id]) {
        const from = blindId(alice, serverPk);
        const to = blindId(bob, serverPk);
        const ct = encryptForBlindedRecipient(alice, serverPk, to, message, nonce);
        assert.equal(ct.length, 1 + message.length + 32 + 16 + 24);
        assert.equal(ct[0], 0);
        assert.equal(toHex(ct.subarray(ct.length - 24)), toHex(nonce));
        for (const [reader, recipientId] of [
          [bob, undefined],
          [bob, to],
          [alice, to],
        ] as const) {
          const got = decryptFromBlindedRecipient(reader, serverPk, from, recipientId, ct);
          assert.equal(toHex(got.plaintext), toHex(message));
          assert.equal(got.senderSessionId, sessionIdOf(alice));
        }
      }
    }),
    { numRuns: 30 },
  );
});

// ---------------------------------------------------------------- blinded DM negatives

const serverA = fromHex('1d7e7f92b1ed3643855c98ecac02fc7274033a3467653f047d6e433540c03f17', 'server', 32);
const serverB = fromHex('a03c383cf63c3c4efe67acc52112a6dd734b3a946b9545f488aaa93da7991238', 'server', 32);
const alice = skFromSeed('0123456789abcdef0123456789abcdef00000000000000000000000000000000'); // negative Ed25519 key
const bob = skFromSeed('202122232425262728292a2b2c2d2e2f303132333435363738393a3b3c3d3e3f');
const carol = skFromSeed('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f');
const nonce = Uint8Array.from({ length: 24 }, (_, i) => i * 7);
const message = utf8('hello bob');

test('blinded DM: 15-blinded key derivation written out by hand decrypts (negative sender key)', () => {
  assert.ok(alice[63]! & 0x80, 'alice has a negative Ed25519 key');
  const kS = blind15KeyPair(alice, serverA).publicKey;
  const jR = blind15KeyPair(bob, serverA).publicKey;
  const key = blake2b(32, concatBytes(ed25519ScalarMult(edSkToCurve(alice), jR), kS, jR));
  const ct = concatBytes(Uint8Array.of(0), xchachaEncrypt(concatBytes(message, alice.subarray(32)), nonce, key), nonce);
  assert.equal(toHex(ct), toHex(encryptForBlindedRecipient(alice, serverA, `15${toHex(jR)}`, message, nonce)));
  const got = decryptFromBlindedRecipient(bob, serverA, `15${toHex(kS)}`, undefined, ct);
  assert.equal(toHex(got.plaintext), toHex(message));
  assert.equal(got.senderSessionId, sessionIdOf(alice));
});

for (const [label, blindId] of [
  ['15', blind15Id],
  ['25', blind25Id],
] as const) {
  test(`blinded DM ${label}: rejects tampering, wrong keys, wrong ids, truncation and versions`, () => {
    const from = blindId(alice, serverA);
    const to = blindId(bob, serverA);
    const ct = encryptForBlindedRecipient(alice, serverA, to, message, nonce);
    const open = (bytes: Uint8Array, reader = bob, server = serverA, sender: string = from, recipient?: string): unknown =>
      decryptFromBlindedRecipient(reader, server, sender, recipient, bytes);

    for (const index of [1, ct.length - 30, ct.length - 1]) {
      const tampered = Uint8Array.from(ct);
      tampered[index] = tampered[index]! ^ 0x01;
      throwsHush(() => open(tampered), 'HUSH_ERR_DECRYPT_FAILED');
    }
    throwsHush(() => open(ct, bob, serverB), 'HUSH_ERR_DECRYPT_FAILED');
    throwsHush(() => open(ct, carol), 'HUSH_ERR_DECRYPT_FAILED');
    throwsHush(() => open(ct, carol, serverA, from, to), 'HUSH_ERR_BAD_BLINDED_ID');
    throwsHush(() => open(ct, bob, serverA, blindId(carol, serverA)), 'HUSH_ERR_DECRYPT_FAILED');
    throwsHush(() => open(ct, alice, serverA, from, undefined), 'HUSH_ERR_BAD_BLINDED_ID');
    const other = label === '15' ? blind25Id(bob, serverA) : blind15Id(bob, serverA);
    throwsHush(() => open(ct, bob, serverA, from, other), 'HUSH_ERR_BAD_BLINDED_ID');

    throwsHush(() => open(ct.subarray(0, 72)), 'HUSH_ERR_TRUNCATED');
    throwsHush(() => open(new Uint8Array(0)), 'HUSH_ERR_TRUNCATED');
    const v1 = Uint8Array.from(ct);
    v1[0] = 1;
    throwsHush(() => open(v1), 'HUSH_ERR_DECRYPT_FAILED');

    throwsHush(() => open(ct, bob, serverA, `05${from.slice(2)}`), 'HUSH_ERR_BAD_BLINDED_ID');
    throwsHush(() => open(ct, bob, serverA, from.slice(0, 64)), 'HUSH_ERR_BAD_BLINDED_ID');
    throwsHush(() => encryptForBlindedRecipient(alice, serverA, `${label}${'00'.repeat(32)}`, message, nonce), 'HUSH_ERR_BAD_BLINDED_ID');
    throwsHush(() => encryptForBlindedRecipient(alice, serverA, to, message, nonce.subarray(1)), 'HUSH_ERR_BAD_LENGTH');
  });
}

test('blinded DM: an embedded sender key that does not blind to the claimed sender id is refused', () => {
  // Carol (who holds her own blinded key) encrypts properly as herself but embeds Alice's Ed25519
  // key, trying to make Bob believe the message comes from Alice.
  for (const blind25 of [false, true]) {
    const own = blind25 ? blind25KeyPair(carol, serverA) : blind15KeyPair(carol, serverA);
    const jR = (blind25 ? blind25KeyPair(bob, serverA) : blind15KeyPair(bob, serverA)).publicKey;
    const scalar = blind25 ? own.secretScalar : edSkToCurve(carol);
    const key = blake2b(32, concatBytes(ed25519ScalarMult(scalar, jR), own.publicKey, jR));
    const forged = concatBytes(Uint8Array.of(0), xchachaEncrypt(concatBytes(message, alice.subarray(32)), nonce, key), nonce);
    const prefix = blind25 ? '25' : '15';
    throwsHush(() => decryptFromBlindedRecipient(bob, serverA, `${prefix}${toHex(own.publicKey)}`, undefined, forged), 'HUSH_ERR_BAD_BLINDED_ID');
    // the same construction with Carol's real key is accepted, so the refusal above is about the key
    const honest = concatBytes(Uint8Array.of(0), xchachaEncrypt(concatBytes(message, carol.subarray(32)), nonce, key), nonce);
    const got = decryptFromBlindedRecipient(bob, serverA, `${prefix}${toHex(own.publicKey)}`, undefined, honest);
    assert.equal(got.senderSessionId, sessionIdOf(carol));
  }
});

test('inputs are checked: mismatched secret halves, bad Session IDs, bad sizes', () => {
  const mixed = concatBytes(alice.subarray(0, 32), bob.subarray(32)) as Ed25519SecretKey;
  throwsHush(() => blind15Id(mixed, serverA), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => blind25Sign(mixed, serverA, message), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => blind15Id(alice.subarray(0, 32) as Ed25519SecretKey, serverA), 'HUSH_ERR_BAD_LENGTH');
  throwsHush(() => blind15Factor(new Uint8Array(31)), 'HUSH_ERR_BAD_LENGTH');
  throwsHush(() => blind25Factor(new Uint8Array(32), new Uint8Array(33)), 'HUSH_ERR_BAD_LENGTH');
  const sid = sessionIdOf(alice);
  throwsHush(() => blind15Candidates(`15${sid.slice(2)}`, serverA), 'HUSH_ERR_BAD_SESSION_ID');
  throwsHush(() => blind25IdFromSessionId(sid.slice(0, 64), serverA), 'HUSH_ERR_BAD_SESSION_ID');
  throwsHush(() => blind25IdFromSessionId(`05${'ff'.repeat(32)}`, serverA), 'HUSH_ERR_BAD_KEY');
  throwsHush(() => blind15Candidates(42 as unknown as string, serverA), 'HUSH_ERR_BAD_SESSION_ID');
  assert.deepEqual(blind15Candidates(sid.toUpperCase(), serverA), blind15Candidates(sid, serverA));
  assert.equal(toBase64(blind25Sign(alice, serverA, message)).length, 88);
});
