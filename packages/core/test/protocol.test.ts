/**
 * Session protocol 1:1: padding, encrypt/decrypt, wire wrapping. Known answers come from
 * ../shared/vectors (conformance.json kinds decrypt_1o1 / encrypt_1o1_deterministic and
 * session-client-vectors.json session_protocol.*).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex, utf8 } from '../src/bytes.ts';
import {
  boxSeal,
  ed25519IsValidPoint,
  ed25519PointAdd,
  ed25519ScalarMultBase,
  edSkToCurve,
  scalarAdd,
  scalarMul,
  scalarReduce,
  sha512,
  signDetached,
  signSeedKeypair,
  x25519Base,
} from '../src/crypto/sodium.ts';
import { isHushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';
import { encodeContent, encodeEnvelope, encodeWebSocketMessage, decodeEnvelope } from '../src/proto/codec.ts';
import type { EnvelopeMessage } from '../src/proto/messages.ts';
import { decryptIncoming, MAX_SESSION_CIPHERTEXT_BYTES } from '../src/protocol/decrypt.ts';
import type { RecipientKeys } from '../src/protocol/decrypt.ts';
import { encryptForRecipient, recipientKeyFromSessionId } from '../src/protocol/encrypt.ts';
import { encryptForRecipientDeterministic } from '../src/protocol/encrypt-deterministic.ts';
import { padMessage, unpadMessage } from '../src/protocol/padding.ts';
import { decodeFor1o1, encodeFor1o1 } from '../src/protocol/wire.ts';
import type { Ed25519SecretKey, X25519PublicKey, X25519SecretKey } from '../src/types.ts';

// ---------------------------------------------------------------- fixtures

const VECTORS = new URL('../../../../shared/vectors/', import.meta.url);
const conformance = JSON.parse(readFileSync(new URL('conformance.json', VECTORS), 'utf8')) as {
  vectors: Array<{ name: string; kind: string; input: Record<string, string>; expect: Record<string, string> }>;
};
const clientVectors = JSON.parse(readFileSync(new URL('session-client-vectors.json', VECTORS), 'utf8')) as {
  vectors: Array<{ name: string; inputs: Record<string, unknown>; expected: Record<string, unknown> }>;
};
function clientVector(name: string): { inputs: Record<string, unknown>; expected: Record<string, unknown> } {
  const v = clientVectors.vectors.find((x) => x.name === name);
  assert.ok(v, `vector ${name} missing`);
  return v;
}

interface TestAccount extends RecipientKeys {
  readonly ed25519PublicKey: Uint8Array;
  readonly ed25519SecretKey: Ed25519SecretKey;
  readonly sessionId: string;
}

/** Keys from a 32-byte seed, derived here independently of the code under test. */
function account(seed: Uint8Array): TestAccount {
  const ed = signSeedKeypair(seed);
  const xsk = Uint8Array.from(edSkToCurve(ed.secretKey));
  const xpk = Uint8Array.from(x25519Base(xsk));
  return {
    ed25519PublicKey: Uint8Array.from(ed.publicKey),
    ed25519SecretKey: Uint8Array.from(ed.secretKey) as Ed25519SecretKey,
    x25519PublicKey: xpk as X25519PublicKey,
    x25519SecretKey: xsk as X25519SecretKey,
    sessionId: `05${toHex(xpk)}`,
  };
}
const seedOf = (byte: number): Uint8Array => new Uint8Array(32).fill(byte);
const alice = account(seedOf(1));
const bob = account(seedOf(2));
const carol = account(seedOf(3));

function assertCode(fn: () => unknown, code: HushErrorCode, what?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isHushError(err, code), `${what ?? ''}: expected ${code}, got ${String(err)}`);
    return true;
  });
}

/** Seals `M || A || sig` to `recipient` exactly as a sender would, with pieces chosen by the test. */
function sealInner(message: Uint8Array, senderKey: Uint8Array, sig: Uint8Array, recipient: Uint8Array): Uint8Array {
  return boxSeal(concatBytes(message, senderKey, sig), recipient);
}

const TS = 1_700_000_000_000;

// ---------------------------------------------------------------- vectors

describe('known-answer vectors', () => {
  it('conformance decrypt_1o1', () => {
    const vs = conformance.vectors.filter((v) => v.kind === 'decrypt_1o1');
    assert.ok(vs.length >= 3);
    for (const v of vs) {
      const recipient = account(fromHex(v.input['recipient_seed'], 'recipient_seed', 32));
      const out = decryptIncoming(recipient, fromHex(v.input['ciphertext'], 'ciphertext'));
      assert.equal(toHex(out.plaintext), v.expect['plaintext'], v.name);
      assert.equal(out.senderSessionId, v.expect['sender_session_id'], v.name);
    }
  });

  it('conformance encrypt_1o1_deterministic', () => {
    const vs = conformance.vectors.filter((v) => v.kind === 'encrypt_1o1_deterministic');
    assert.ok(vs.length >= 1);
    for (const v of vs) {
      const sender = account(fromHex(v.input['sender_seed'], 'sender_seed', 32));
      const recipient = recipientKeyFromSessionId(v.input['recipient_session_id']);
      const ct = encryptForRecipientDeterministic(sender.ed25519SecretKey, recipient, fromHex(v.input['plaintext'], 'plaintext'));
      assert.equal(toHex(ct), v.expect['ciphertext'], v.name);
    }
  });

  it('session_protocol.decrypt_incoming.deterministic_ciphertext (and re-encryption)', () => {
    const { inputs, expected } = clientVector('session_protocol.decrypt_incoming.deterministic_ciphertext');
    const sender = account(fromHex(inputs['sender_ed25519_seed_hex'], 'sender', 32));
    const recipient = account(fromHex(inputs['recipient_ed25519_seed_hex'], 'recipient', 32));
    const ct = fromHex(inputs['ciphertext_hex'], 'ciphertext');
    const out = decryptIncoming(recipient, ct);
    assert.equal(Buffer.from(out.plaintext).toString('utf8'), expected['plaintext_utf8']);
    assert.equal(toHex(out.senderEd25519PublicKey), expected['sender_ed25519_pubkey_hex']);
    assert.equal(out.senderSessionId, expected['sender_session_id']);
    assert.equal(toHex(encryptForRecipientDeterministic(sender.ed25519SecretKey, recipient.x25519PublicKey, utf8('hello'))), inputs['ciphertext_hex']);
  });

  it('session_protocol.full_1o1_wire_message: byte-exact encode, and decode', () => {
    const { inputs, expected } = clientVector('session_protocol.full_1o1_wire_message');
    const sender = account(fromHex(inputs['sender_ed25519_seed_hex'], 'sender', 32));
    const content = fromHex(inputs['content_protobuf_hex'], 'content');
    assert.equal(padMessage(content).length, expected['padded_content_len']);
    const wire = encodeFor1o1({
      content,
      senderEd25519SecretKey: sender.ed25519SecretKey,
      sentTimestampMs: inputs['sent_timestamp_ms'] as number,
      recipient: recipientKeyFromSessionId(inputs['recipient_session_id']),
      encrypt: encryptForRecipientDeterministic,
    });
    assert.equal(toHex(wire), expected['swarm_payload_hex']);

    const recipient = account(fromHex('00112233445566778899aabbccddeeff00000000000000000000000000000000', 'seed', 32));
    assert.equal(recipient.sessionId, inputs['recipient_session_id']);
    const decoded = decodeFor1o1(wire, recipient);
    assert.equal(toHex(decoded.contentBytes), inputs['content_protobuf_hex']);
    assert.deepEqual(decoded.content, { dataMessage: { body: 'hello' }, sigTimestamp: TS });
    assert.equal(decoded.senderSessionId, sender.sessionId);
    assert.equal(decoded.senderSessionId.slice(0, 10), '05d2ad010e');
    assert.deepEqual(decoded.senderEd25519PublicKey, sender.ed25519PublicKey);
    assert.equal(decoded.envelope.type, 6);
    assert.equal(decoded.envelope.timestamp, TS);
    assert.equal(decoded.envelope.sourceDevice, 1);
    assert.equal(decoded.envelope.proSig, undefined);
    assert.equal(decoded.envelope.source, undefined);
  });
});

// ---------------------------------------------------------------- padding

describe('padding', () => {
  it('pads to the next multiple of 160, a whole extra block when len+1 already is one', () => {
    const table: Array<[number, number]> = [[0, 160], [1, 160], [15, 160], [158, 160], [159, 320], [160, 320], [318, 320], [319, 480], [1000, 1120]];
    for (const [len, padded] of table) assert.equal(padMessage(new Uint8Array(len).fill(0x41)).length, padded, `len ${len}`);
    const m = utf8('hello world, 15'.slice(0, 15));
    const expected = new Uint8Array(160);
    expected.set(m);
    expected[15] = 0x80;
    assert.deepEqual(padMessage(m), expected);
  });

  it('unpad ∘ pad = id for any message', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), (m) => {
        const padded = padMessage(m);
        assert.equal(padded.length % 160, 0);
        assert.ok(padded.length > m.length);
        assert.deepEqual(Uint8Array.from(unpadMessage(padded)), m);
      }),
      { numRuns: 200 },
    );
  });

  it('unpad is lenient with unpadded input and strict with empty content', () => {
    assert.deepEqual(unpadMessage(Uint8Array.of(1, 2, 3)), Uint8Array.of(1, 2, 3));
    assert.deepEqual(unpadMessage(Uint8Array.of(1, 2, 0, 0)), Uint8Array.of(1, 2, 0, 0));
    assert.deepEqual(unpadMessage(Uint8Array.of(1, 0x80, 0x80, 0)), Uint8Array.of(1, 0x80));
    assert.deepEqual(unpadMessage(Uint8Array.of(0x80)), new Uint8Array(0));
    // old desktop padding (one byte shorter) unpads the same way
    assert.deepEqual(unpadMessage(concatBytes(Uint8Array.of(9, 9), Uint8Array.of(0x80), new Uint8Array(156))), Uint8Array.of(9, 9));
    assertCode(() => unpadMessage(new Uint8Array(160)), 'HUSH_ERR_BAD_PADDING');
    assertCode(() => unpadMessage(new Uint8Array(0)), 'HUSH_ERR_BAD_PADDING');
  });
});

// ---------------------------------------------------------------- encrypt / decrypt

describe('encrypt → decrypt', () => {
  const seed = fc.uint8Array({ minLength: 32, maxLength: 32 });

  it('round trips for random keys and messages, randomized and deterministic', () => {
    fc.assert(
      fc.property(seed, seed, fc.uint8Array({ maxLength: 600 }), (s1, s2, m) => {
        const sender = account(s1);
        const recipient = account(s2);
        for (const encrypt of [encryptForRecipient, encryptForRecipientDeterministic]) {
          const ct = encrypt(sender.ed25519SecretKey, recipient.x25519PublicKey, m);
          assert.equal(ct.length, m.length + 144);
          const out = decryptIncoming(recipient, ct);
          assert.deepEqual(Uint8Array.from(out.plaintext), m);
          assert.deepEqual(Uint8Array.from(out.senderEd25519PublicKey), sender.ed25519PublicKey);
          assert.equal(out.senderSessionId, sender.sessionId);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('randomized encryption differs each time; deterministic does not', () => {
    const m = utf8('same');
    assert.notDeepEqual(encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, m), encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, m));
    assert.deepEqual(
      encryptForRecipientDeterministic(alice.ed25519SecretKey, bob.x25519PublicKey, m),
      encryptForRecipientDeterministic(alice.ed25519SecretKey, bob.x25519PublicKey, m),
    );
  });

  it('senderSessionId is computed once and cached', () => {
    const out = decryptIncoming(bob, encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, utf8('x')));
    assert.equal(out.senderSessionId, alice.sessionId);
    assert.equal(out.senderSessionId, alice.sessionId);
  });
});

describe('decrypt rejects', () => {
  const message = utf8('sixteen bytes!!!');
  const ct = encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, message);

  it('a ciphertext tampered at any byte', () => {
    for (let i = 0; i < ct.length; i++) {
      for (const mask of [0x01, 0x80]) {
        const t = Uint8Array.from(ct);
        t[i]! ^= mask;
        assertCode(() => decryptIncoming(bob, t), 'HUSH_ERR_DECRYPT_FAILED', `byte ${i} ^ ${mask}`);
      }
    }
  });

  it('the wrong recipient', () => {
    assertCode(() => decryptIncoming(carol, ct), 'HUSH_ERR_DECRYPT_FAILED');
    assertCode(() => decryptIncoming({ x25519PublicKey: bob.x25519PublicKey, x25519SecretKey: carol.x25519SecretKey }, ct), 'HUSH_ERR_DECRYPT_FAILED');
  });

  it('input truncated to every length below 144', () => {
    for (let len = 0; len < 144; len++) assertCode(() => decryptIncoming(bob, ct.subarray(0, len)), 'HUSH_ERR_TRUNCATED', `len ${len}`);
    // 144 bytes is an empty message: it parses far enough to fail on the box, not on length
    assertCode(() => decryptIncoming(bob, ct.subarray(0, 144)), 'HUSH_ERR_DECRYPT_FAILED');
    assert.equal(decryptIncoming(bob, encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, new Uint8Array(0))).plaintext.length, 0);
  });

  it('a valid box around a bad signature', () => {
    const good = signDetached(concatBytes(message, alice.ed25519PublicKey, bob.x25519PublicKey), alice.ed25519SecretKey);
    assert.equal(toHex(decryptIncoming(bob, sealInner(message, alice.ed25519PublicKey, good, bob.x25519PublicKey)).plaintext), toHex(message));
    const flipped = Uint8Array.from(good);
    flipped[10]! ^= 1;
    assertCode(() => decryptIncoming(bob, sealInner(message, alice.ed25519PublicKey, flipped, bob.x25519PublicKey)), 'HUSH_ERR_BAD_SIGNATURE');
    // signed for Carol, re-sealed to Bob by Carol: the signature binds the intended recipient
    const forCarol = signDetached(concatBytes(message, alice.ed25519PublicKey, carol.x25519PublicKey), alice.ed25519SecretKey);
    assertCode(() => decryptIncoming(bob, sealInner(message, alice.ed25519PublicKey, forCarol, bob.x25519PublicKey)), 'HUSH_ERR_BAD_SIGNATURE');
    assertCode(() => decryptIncoming(bob, sealInner(message, alice.ed25519PublicKey, new Uint8Array(64), bob.x25519PublicKey)), 'HUSH_ERR_BAD_SIGNATURE');
  });

  it('a replaced sender key', () => {
    const sig = signDetached(concatBytes(message, alice.ed25519PublicKey, bob.x25519PublicKey), alice.ed25519SecretKey);
    assertCode(() => decryptIncoming(bob, sealInner(message, carol.ed25519PublicKey, sig, bob.x25519PublicKey)), 'HUSH_ERR_BAD_SIGNATURE');
    const identity = new Uint8Array(32);
    identity[0] = 1;
    assertCode(() => decryptIncoming(bob, sealInner(message, identity, sig, bob.x25519PublicKey)), 'HUSH_ERR_BAD_KEY', 'identity point');
    const notOnCurve = nonCurvePoint();
    assertCode(() => decryptIncoming(bob, sealInner(message, notOnCurve, sig, bob.x25519PublicKey)), 'HUSH_ERR_BAD_KEY', 'not on curve');
  });

  it('a sender key outside the prime-order subgroup whose signature verifies (lazily, like libsession)', () => {
    const { wireCiphertext } = mixedOrderMessage(message, bob.x25519PublicKey);
    const out = decryptIncoming(bob, wireCiphertext);
    assert.deepEqual(Uint8Array.from(out.plaintext), message);
    assertCode(() => out.senderSessionId, 'HUSH_ERR_BAD_KEY');
  });

  it('oversized input and malformed recipient keys', () => {
    assertCode(() => decryptIncoming(bob, new Uint8Array(MAX_SESSION_CIPHERTEXT_BYTES + 1)), 'HUSH_ERR_TOO_LARGE');
    assertCode(() => decryptIncoming({ x25519PublicKey: bob.x25519PublicKey.subarray(1) as X25519PublicKey, x25519SecretKey: bob.x25519SecretKey }, ct), 'HUSH_ERR_BAD_LENGTH');
    assertCode(() => decryptIncoming(bob, 'abc' as unknown as Uint8Array), 'HUSH_ERR_BAD_ARGUMENT');
    assertCode(() => decryptIncoming(null as unknown as RecipientKeys, ct), 'HUSH_ERR_BAD_ARGUMENT');
  });

  it('a recipient session id that is not a 05 id', () => {
    assertCode(() => recipientKeyFromSessionId(`15${'00'.repeat(32)}`), 'HUSH_ERR_BAD_SESSION_ID');
    assertCode(() => recipientKeyFromSessionId(`05${'00'.repeat(31)}`), 'HUSH_ERR_BAD_LENGTH');
    assertCode(() => recipientKeyFromSessionId(`05${'zz'.repeat(32)}`), 'HUSH_ERR_BAD_HEX');
    assert.deepEqual(recipientKeyFromSessionId(bob.sessionId), bob.x25519PublicKey);
  });
});

/** A 32-byte string that does not decode to a curve point (point addition refuses it). */
function nonCurvePoint(): Uint8Array {
  const basePoint = fromHex('5866666666666666666666666666666666666666666666666666666666666666', 'B', 32);
  for (let i = 2; i < 256; i++) {
    const candidate = new Uint8Array(32);
    candidate[0] = i;
    try {
      ed25519PointAdd(candidate, basePoint);
    } catch {
      return candidate;
    }
  }
  throw new Error('no non-point found');
}

/**
 * Alice's key plus an order-8 torsion point, A' = a·B + T, with an Ed25519 signature that still
 * verifies: when the challenge k is a multiple of 8, k·T vanishes (libsodium's verify has no
 * subgroup check, its X25519 conversion does).
 */
function mixedOrderMessage(message: Uint8Array, recipient: Uint8Array): { wireCiphertext: Uint8Array } {
  const torsion8 = fromHex('26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05', 'T', 32);
  const mixed = ed25519PointAdd(alice.ed25519PublicKey, torsion8);
  assert.equal(ed25519IsValidPoint(mixed), false);
  const h = sha512(seedOf(1));
  const clamped = Uint8Array.from(h.subarray(0, 32));
  clamped[0]! &= 248;
  clamped[31]! &= 127;
  clamped[31]! |= 64;
  const a = scalarReduce(concatBytes(clamped, new Uint8Array(32)));
  assert.deepEqual(Uint8Array.from(ed25519ScalarMultBase(a)), alice.ed25519PublicKey);
  const signed = concatBytes(message, mixed, recipient);
  for (let i = 0; i < 1000; i++) {
    const r = scalarReduce(sha512(concatBytes(utf8('test nonce'), Uint8Array.of(i & 0xff, i >> 8))));
    const R = ed25519ScalarMultBase(r);
    const k = scalarReduce(sha512(concatBytes(R, mixed, signed)));
    if ((k[0]! & 7) !== 0) continue;
    const sig = concatBytes(R, scalarAdd(r, scalarMul(k, a)));
    return { wireCiphertext: sealInner(message, mixed, sig, recipient) };
  }
  throw new Error('no challenge divisible by 8 found');
}

// ---------------------------------------------------------------- wire

function wireWith(envelope: EnvelopeMessage): Uint8Array {
  return encodeWebSocketMessage({ type: 1, request: { verb: '', path: '', requestId: 0, body: encodeEnvelope(envelope) } });
}

describe('wire: Envelope and WebSocketMessage', () => {
  it('envelope encode → decode round trip', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(6, 7),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ maxLength: 400 }),
        fc.option(fc.uint8Array({ minLength: 64, maxLength: 64 }), { nil: undefined }),
        fc.option(fc.constantFrom('', `05${'12'.repeat(32)}`), { nil: undefined }),
        (type, timestamp, content, proSig, source) => {
          const env: EnvelopeMessage = {
            type,
            timestamp,
            sourceDevice: 1,
            content,
            ...(proSig === undefined ? {} : { proSig }),
            ...(source === undefined ? {} : { source }),
          };
          assert.deepEqual(decodeEnvelope(encodeEnvelope(env)), env);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('encodeFor1o1 → decodeFor1o1 round trip, with and without proSig', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), fc.integer({ min: 1, max: 2 ** 45 }), fc.boolean(), (body, ts, withProSig) => {
        const content = encodeContent({ dataMessage: { body }, sigTimestamp: ts });
        const proSig = new Uint8Array(64).fill(ts & 0xff);
        const wire = encodeFor1o1({
          content,
          senderEd25519SecretKey: alice.ed25519SecretKey,
          sentTimestampMs: ts,
          recipient: bob.x25519PublicKey,
          ...(withProSig ? { proSig } : {}),
        });
        const d = decodeFor1o1(wire, bob);
        assert.deepEqual(Uint8Array.from(d.contentBytes), content);
        assert.deepEqual(d.content, { dataMessage: { body }, sigTimestamp: ts });
        assert.equal(d.senderSessionId, alice.sessionId);
        assert.equal(d.envelope.timestamp, ts);
        assert.deepEqual(d.envelope.proSig, withProSig ? proSig : undefined);
      }),
      { numRuns: 60 },
    );
  });

  it('Content.sigTimestamp must equal Envelope.timestamp when both are set', () => {
    const send = (sigTimestamp: number | undefined, sentTimestampMs: number): Uint8Array =>
      encodeFor1o1({
        content: encodeContent({ dataMessage: { body: 'x' }, ...(sigTimestamp === undefined ? {} : { sigTimestamp }) }),
        senderEd25519SecretKey: alice.ed25519SecretKey,
        sentTimestampMs,
        recipient: bob.x25519PublicKey,
      });
    assertCode(() => decodeFor1o1(send(TS, TS + 1), bob), 'HUSH_ERR_TIMESTAMP_MISMATCH');
    assertCode(() => decodeFor1o1(send(TS + 1, TS), bob), 'HUSH_ERR_TIMESTAMP_MISMATCH');
    assert.equal(decodeFor1o1(send(TS, TS), bob).content.sigTimestamp, TS);
    // legacy senders: no sigTimestamp, or zero
    assert.equal(decodeFor1o1(send(undefined, TS), bob).content.sigTimestamp, undefined);
    assert.equal(decodeFor1o1(send(0, TS), bob).content.sigTimestamp, 0);
  });

  it('rejects a malformed envelope', () => {
    const c = encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, padMessage(encodeContent({ sigTimestamp: TS })));
    assert.equal(decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: c, source: '' }), bob).senderSessionId, alice.sessionId);
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS }), bob), 'HUSH_ERR_BAD_ENVELOPE', 'no content');
    assertCode(() => decodeFor1o1(encodeWebSocketMessage({ type: 1, request: { verb: '' } }), bob), 'HUSH_ERR_BAD_ENVELOPE', 'no body');
    assertCode(() => decodeFor1o1(encodeWebSocketMessage({ type: 1 }), bob), 'HUSH_ERR_BAD_ENVELOPE', 'no request');
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: c, source: '05ab' }), bob), 'HUSH_ERR_BAD_ENVELOPE', 'short source');
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: c, proSig: new Uint8Array(63) }), bob), 'HUSH_ERR_BAD_ENVELOPE', 'proSig 63');
    assertCode(() => decodeFor1o1(Uint8Array.of(0x12, 0x05, 0x1a), bob), 'HUSH_ERR_BAD_PROTOBUF', 'garbage');
    assertCode(() => decodeFor1o1(new Uint8Array(10 * 1024 * 1024 + 1), bob), 'HUSH_ERR_TOO_LARGE', 'huge');
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: c }), carol), 'HUSH_ERR_DECRYPT_FAILED', 'wrong recipient');
    const notContent = encryptForRecipient(alice.ed25519SecretKey, bob.x25519PublicKey, padMessage(Uint8Array.of(0x0f)));
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: notContent }), bob), 'HUSH_ERR_BAD_PROTOBUF', 'bad Content');
  });

  it('a verified mixed-order sender key is rejected by decodeFor1o1', () => {
    const { wireCiphertext } = mixedOrderMessage(padMessage(encodeContent({ sigTimestamp: TS })), bob.x25519PublicKey);
    assertCode(() => decodeFor1o1(wireWith({ type: 6, timestamp: TS, content: wireCiphertext }), bob), 'HUSH_ERR_BAD_KEY');
  });

  it('encodeFor1o1 checks its arguments', () => {
    const base = { content: Uint8Array.of(1), senderEd25519SecretKey: alice.ed25519SecretKey, sentTimestampMs: TS, recipient: bob.x25519PublicKey };
    assertCode(() => encodeFor1o1({ ...base, proSig: new Uint8Array(32) }), 'HUSH_ERR_BAD_LENGTH');
    assertCode(() => encodeFor1o1(undefined as unknown as Parameters<typeof encodeFor1o1>[0]), 'HUSH_ERR_BAD_ARGUMENT');
    assertCode(() => encodeFor1o1({ ...base, content: 'x' as unknown as Uint8Array }), 'HUSH_ERR_BAD_ARGUMENT');
    assertCode(() => encodeFor1o1({ ...base, sentTimestampMs: -1 }), 'HUSH_ERR_BAD_ARGUMENT');
    assertCode(() => encodeFor1o1({ ...base, sentTimestampMs: BigInt(TS) as unknown as number }), 'HUSH_ERR_BAD_ARGUMENT');
    assertCode(() => encodeFor1o1({ ...base, recipient: new Uint8Array(33) as X25519PublicKey }), 'HUSH_ERR_BAD_LENGTH');
    assertCode(() => encodeFor1o1({ ...base, senderEd25519SecretKey: new Uint8Array(32) as Ed25519SecretKey }), 'HUSH_ERR_BAD_LENGTH');
  });
});
