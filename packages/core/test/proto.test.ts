/**
 * The protobuf schema against bytes built by hand from the field numbers and wire types of
 * spec session-client.md §4 (proto2: repeated scalars unpacked, fields in number order, as
 * libsession's C++ emits them).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { concatBytes, fromHex, toHex, utf8 } from '../src/bytes.ts';
import { isHushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';
import {
  MAX_PROTOBUF_BYTES,
  decodeContent,
  decodeDataMessage,
  decodeEnvelope,
  decodeWebSocketMessage,
  encodeContent,
  encodeDataMessage,
  encodeEnvelope,
  encodeWebSocketMessage,
} from '../src/proto/codec.ts';
import type { ContentMessage, DataMessage, EnvelopeMessage, WebSocketMessage } from '../src/proto/messages.ts';

// ---- hand encoder: only what the protobuf wire format defines, nothing from the schema
function varint(n: number | bigint): Uint8Array {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return Uint8Array.from(out);
}
const key = (field: number, wireType: number): Uint8Array => varint((field << 3) | wireType);
/** varint field */
const V = (field: number, n: number | bigint | boolean): Uint8Array => concatBytes(key(field, 0), varint(typeof n === 'boolean' ? (n ? 1 : 0) : n));
/** length-delimited field */
const L = (field: number, value: Uint8Array | string): Uint8Array => {
  const b = typeof value === 'string' ? utf8(value) : value;
  return concatBytes(key(field, 2), varint(b.length), b);
};
/** fixed64 field */
const F64 = (field: number, n: bigint): Uint8Array => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n, true);
  return concatBytes(key(field, 1), b);
};
const M = (...parts: Uint8Array[]): Uint8Array => concatBytes(...parts);

function assertCode(fn: () => unknown, code: HushErrorCode, messageIncludes?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isHushError(err, code), `expected ${code}, got ${String(err)}`);
    if (messageIncludes !== undefined) assert.ok(err.message.includes(messageIncludes), err.message);
    return true;
  });
}

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);
const TS = 1_700_000_000_000;
const ID05 = `05${'ab'.repeat(32)}`;

describe('Content / DataMessage field numbers', () => {
  it('Content{dataMessage{body}, sigTimestamp} matches the full-wire vector content', () => {
    const hand = M(L(1, L(1, 'hello')), V(15, TS));
    const value: ContentMessage = { dataMessage: { body: 'hello' }, sigTimestamp: TS };
    assert.equal(toHex(hand), '0a070a0568656c6c6f7880d095ffbc31');
    assert.deepEqual(encodeContent(value), hand);
    assert.deepEqual(decodeContent(hand), value);
  });

  const attachment = {
    id: 12345,
    contentType: 'image/png',
    key: bytes(32, 1),
    size: 1000,
    digest: bytes(32, 2),
    fileName: 'a.png',
    flags: 1,
    width: 640,
    height: 480,
    caption: 'cap',
    url: 'http://fs/file/12345#d',
  };
  const attachmentHand = M(
    F64(1, 12345n), L(2, 'image/png'), L(3, bytes(32, 1)), V(4, 1000), L(6, bytes(32, 2)), L(7, 'a.png'),
    V(8, 1), V(9, 640), V(10, 480), L(11, 'cap'), L(101, 'http://fs/file/12345#d'),
  );
  const dataMessage: DataMessage = {
    body: 'hi',
    attachments: [attachment, { id: 0 }],
    flags: 2,
    expireTimer: 30,
    profileKey: bytes(32, 3),
    timestamp: TS,
    quote: { id: TS - 1, author: ID05 },
    preview: [{ url: 'https://x', title: 't', image: { id: 7 } }],
    reaction: { id: TS - 2, author: ID05, emoji: '👍', action: 1 },
    profile: { displayName: 'Alice', profilePicture: 'http://p', lastProfileUpdateSeconds: 1_700_000_000 },
    communityInvitation: { url: 'https://c/r?public_key=00', name: 'room' },
    syncTarget: ID05,
    blocksCommunityMessageRequests: true,
    groupUpdateMessage: { inviteResponse: { isApproved: true } },
  };
  const dataMessageHand = M(
    L(1, 'hi'),
    L(2, attachmentHand),
    L(2, F64(1, 0n)),
    V(4, 2),
    V(5, 30),
    L(6, bytes(32, 3)),
    V(7, TS),
    L(8, M(V(1, TS - 1), L(2, ID05))),
    L(10, M(L(1, 'https://x'), L(2, 't'), L(3, F64(1, 7n)))),
    L(11, M(V(1, TS - 2), L(2, ID05), L(3, '👍'), V(4, 1))),
    L(101, M(L(1, 'Alice'), L(2, 'http://p'), V(3, 1_700_000_000))),
    L(102, M(L(1, 'https://c/r?public_key=00'), L(3, 'room'))),
    L(105, ID05),
    V(106, true),
    L(120, L(6, V(1, true))),
  );

  it('DataMessage with every field', () => {
    assert.deepEqual(encodeDataMessage(dataMessage), dataMessageHand);
    assert.deepEqual(decodeDataMessage(dataMessageHand), dataMessage);
  });

  it('Content with every other sub-message', () => {
    const value: ContentMessage = {
      dataMessage,
      callMessage: { type: 6, sdps: ['a', 'b'], sdpMLineIndexes: [0, 1], sdpMids: ['m'], uuid: 'u-1' },
      receiptMessage: { type: 1, timestamp: [TS, TS + 1] },
      typingMessage: { timestamp: TS, action: 1 },
      dataExtractionNotification: { type: 2, timestamp: TS },
      unsendRequest: { timestamp: TS, author: ID05 },
      messageRequestResponse: { isApproved: true, profileKey: bytes(32, 4), profile: { displayName: 'B' } },
      sharedConfigMessage: { kind: 2, seqno: -1, data: bytes(3, 5) },
      expirationType: 2,
      expirationTimer: 86400,
      lastDisappearingMessageChangeTimestamp: TS,
      sigTimestamp: TS,
      proMessage: {
        proof: { version: 0, genIndexHash: bytes(32, 6), rotatingPublicKey: bytes(32, 7), expireAtMs: TS, sig: bytes(64, 8) },
        profileBitset: 1n << 63n,
        messageBitset: 5n,
      },
      proSigForCommunityMessageOnly: bytes(64, 9),
    };
    const hand = M(
      L(1, dataMessageHand),
      L(3, M(V(1, 6), L(2, 'a'), L(2, 'b'), V(3, 0), V(3, 1), L(4, 'm'), L(5, 'u-1'))),
      L(5, M(V(1, 1), V(2, TS), V(2, TS + 1))),
      L(6, M(V(1, TS), V(2, 1))),
      L(8, M(V(1, 2), V(2, TS))),
      L(9, M(V(1, TS), L(2, ID05))),
      L(10, M(V(1, true), L(2, bytes(32, 4)), L(3, L(1, 'B')))),
      L(11, M(V(1, 2), V(2, -1), L(3, bytes(3, 5)))),
      V(12, 2),
      V(13, 86400),
      V(14, TS),
      V(15, TS),
      L(16, M(L(1, M(V(1, 0), L(2, bytes(32, 6)), L(3, bytes(32, 7)), V(4, TS), L(5, bytes(64, 8)))), V(2, 1n << 63n), V(3, 5))),
      L(17, bytes(64, 9)),
    );
    assert.deepEqual(encodeContent(value), hand);
    assert.deepEqual(decodeContent(hand), value);
  });

  it('GroupUpdateMessage variants', () => {
    const sig = bytes(64, 1);
    const value: DataMessage = {
      groupUpdateMessage: {
        inviteMessage: { groupSessionId: `03${'cd'.repeat(32)}`, name: 'G', memberAuthData: bytes(100, 2), adminSignature: sig },
        infoChangeMessage: { type: 3, updatedName: 'N', updatedExpiration: 60, adminSignature: sig },
        memberChangeMessage: { type: 2, memberSessionIds: [ID05], historyShared: true, adminSignature: sig },
        promoteMessage: { groupIdentitySeed: bytes(32, 3), name: 'G' },
        memberLeftMessage: {},
        inviteResponse: { isApproved: false },
        deleteMemberContent: { memberSessionIds: [ID05], messageHashes: ['h1', 'h2'], adminSignature: sig },
        memberLeftNotificationMessage: {},
      },
    };
    const hand = L(120, M(
      L(1, M(L(1, `03${'cd'.repeat(32)}`), L(2, 'G'), L(3, bytes(100, 2)), L(4, sig))),
      L(2, M(V(1, 3), L(2, 'N'), V(3, 60), L(4, sig))),
      L(3, M(V(1, 2), L(2, ID05), V(3, true), L(4, sig))),
      L(4, M(L(1, bytes(32, 3)), L(2, 'G'))),
      L(5, new Uint8Array(0)),
      L(6, V(1, false)),
      L(7, M(L(1, ID05), L(2, 'h1'), L(2, 'h2'), L(3, sig))),
      L(8, new Uint8Array(0)),
    ));
    assert.deepEqual(encodeDataMessage(value), hand);
    assert.deepEqual(decodeDataMessage(hand), value);
  });

  it('legacy closedGroupControlMessage (104) and configurationMessage (7) decode', () => {
    const content = M(
      L(1, L(104, M(V(1, 3), L(2, bytes(33, 5)), L(7, M(L(1, bytes(33, 6)), L(2, bytes(10, 7))))))),
      L(7, M(L(2, 'https://og'), L(3, 'me'), L(6, M(L(1, bytes(33, 8)), L(2, 'c'), V(5, true))))),
    );
    assert.deepEqual(decodeContent(content), {
      dataMessage: {
        closedGroupControlMessage: { type: 3, publicKey: bytes(33, 5), wrappers: [{ publicKey: bytes(33, 6), encryptedKeyPair: bytes(10, 7) }] },
      },
      configurationMessage: { openGroups: ['https://og'], displayName: 'me', contacts: [{ publicKey: bytes(33, 8), name: 'c', isApproved: true }] },
    });
  });

  it('accepts packed repeated scalars and skips unknown and retired fields', () => {
    const packed = L(5, M(V(1, 1), L(2, M(varint(TS), varint(TS + 1)))));
    assert.deepEqual(decodeContent(packed), { receiptMessage: { type: 1, timestamp: [TS, TS + 1] } });
    // DataMessage.group (3, retired), Quote.text (3, retired), Content field 99 (unknown)
    const withUnknown = M(L(1, M(L(1, 'x'), L(3, L(1, 'g')), L(8, M(V(1, 5), L(2, ID05), L(3, 'old'))))), V(99, 7));
    assert.deepEqual(decodeContent(withUnknown), { dataMessage: { body: 'x', quote: { id: 5, author: ID05 } } });
  });

  it('keeps presence: explicit empty/zero fields survive, absent ones stay absent', () => {
    const hand = M(L(1, L(1, '')), V(13, 0));
    assert.deepEqual(decodeContent(hand), { dataMessage: { body: '' }, expirationTimer: 0 });
    assert.deepEqual(encodeContent({ dataMessage: { body: '' }, expirationTimer: 0 }), hand);
    assert.deepEqual(decodeContent(new Uint8Array(0)), {});
  });
});

describe('Envelope and WebSocketMessage field numbers', () => {
  it('Envelope with every field', () => {
    const value: EnvelopeMessage = {
      type: 7,
      source: `03${'ef'.repeat(32)}`,
      timestamp: TS,
      sourceDevice: 1,
      content: bytes(20, 1),
      serverTimestamp: TS + 5,
      proSig: bytes(64, 2),
    };
    const hand = M(V(1, 7), L(2, `03${'ef'.repeat(32)}`), V(5, TS), V(7, 1), L(8, bytes(20, 1)), V(10, TS + 5), L(11, bytes(64, 2)));
    assert.deepEqual(encodeEnvelope(value), hand);
    assert.deepEqual(decodeEnvelope(hand), value);
  });

  it('WebSocketMessage request and response', () => {
    const value: WebSocketMessage = {
      type: 1,
      request: { verb: 'PUT', path: '/api/v1/message', body: bytes(5, 1), requestId: 42, headers: ['a:b'] },
      response: { requestId: 42, status: 200, message: 'OK', body: bytes(2, 3), headers: ['c:d'] },
    };
    const hand = M(
      V(1, 1),
      L(2, M(L(1, 'PUT'), L(2, '/api/v1/message'), L(3, bytes(5, 1)), V(4, 42), L(5, 'a:b'))),
      L(3, M(V(1, 42), V(2, 200), L(3, 'OK'), L(4, bytes(2, 3)), L(5, 'c:d'))),
    );
    assert.deepEqual(encodeWebSocketMessage(value), hand);
    assert.deepEqual(decodeWebSocketMessage(hand), value);
  });
});

describe('64-bit integers', () => {
  it('uint64 timestamps survive encode → decode over the whole safe range', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (ts) => {
        const env = decodeEnvelope(encodeEnvelope({ type: 6, timestamp: ts }));
        assert.equal(env.timestamp, ts);
        const content = decodeContent(encodeContent({ sigTimestamp: ts, receiptMessage: { type: 1, timestamp: [ts] } }));
        assert.equal(content.sigTimestamp, ts);
        assert.deepEqual(content.receiptMessage?.timestamp, [ts]);
      }),
      { numRuns: 200 },
    );
    const max = Number.MAX_SAFE_INTEGER;
    assert.deepEqual(encodeEnvelope({ type: 6, timestamp: max }), M(V(1, 6), V(5, BigInt(max))));
  });

  it('rejects wire values above 2^53 − 1 instead of rounding them', () => {
    assertCode(() => decodeEnvelope(M(V(1, 6), V(5, 2n ** 53n))), 'HUSH_ERR_BAD_PROTOBUF', 'Envelope.timestamp');
    assertCode(() => decodeContent(L(9, M(V(1, 2n ** 64n - 1n), L(2, ID05)))), 'HUSH_ERR_BAD_PROTOBUF', 'Content.unsendRequest.timestamp');
    assertCode(() => decodeDataMessage(L(2, F64(1, 2n ** 60n))), 'HUSH_ERR_BAD_PROTOBUF', 'DataMessage.attachments[0].id');
  });

  it('never lets a bigint or an unsafe number reach protobufjs for a numeric field', () => {
    const bad: unknown[] = [BigInt(TS), -1, 1.5, Number.MAX_SAFE_INTEGER + 1, '1700000000000', Number.NaN];
    for (const timestamp of bad) {
      assertCode(() => encodeEnvelope({ type: 6, timestamp } as unknown as EnvelopeMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Envelope.timestamp');
    }
  });

  it('Pro bitsets keep all 64 bits as bigint', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (bits) => {
        const hand = L(16, V(2, bits));
        assert.deepEqual(encodeContent({ proMessage: { profileBitset: bits } }), hand);
        assert.equal(decodeContent(hand).proMessage?.profileBitset, bits);
      }),
      { numRuns: 200 },
    );
    assertCode(() => encodeContent({ proMessage: { profileBitset: 2n ** 64n } }), 'HUSH_ERR_BAD_ARGUMENT');
  });

  it('int64 seqno keeps its sign', () => {
    for (const seqno of [0, 1, -1, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER]) {
      const c = decodeContent(encodeContent({ sharedConfigMessage: { kind: 1, seqno, data: new Uint8Array(0) } }));
      assert.equal(c.sharedConfigMessage?.seqno, seqno);
    }
  });
});

describe('decoding hostile bytes', () => {
  it('garbage → HUSH_ERR_BAD_PROTOBUF naming the message type', () => {
    const cases: Array<[string, Uint8Array]> = [
      ['truncated length', fromHex('0a05010203', 'x')],
      ['truncated varint', fromHex('78ffff', 'x')],
      ['wire type 7', fromHex('0f', 'x')],
      ['wire type 6', fromHex('0e', 'x')],
      ['end group without start', fromHex('0c', 'x')],
    ];
    for (const [name, b] of cases) {
      assert.throws(() => decodeContent(b), (e: unknown) => isHushError(e, 'HUSH_ERR_BAD_PROTOBUF') && e.message.startsWith('Content:'), name);
    }
  });

  it('missing required fields → HUSH_ERR_BAD_PROTOBUF', () => {
    assertCode(() => decodeEnvelope(M(V(1, 6))), 'HUSH_ERR_BAD_PROTOBUF', "missing required 'timestamp'");
    assertCode(() => decodeEnvelope(M(V(5, TS))), 'HUSH_ERR_BAD_PROTOBUF', "missing required 'type'");
    assertCode(() => decodeContent(L(1, L(8, V(1, 5)))), 'HUSH_ERR_BAD_PROTOBUF', "missing required 'author'");
    assertCode(() => decodeContent(L(6, V(1, TS))), 'HUSH_ERR_BAD_PROTOBUF', "missing required 'action'");
  });

  it('random bytes either decode or fail with HUSH_ERR_BAD_PROTOBUF, never another error', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (b) => {
        for (const decode of [decodeContent, decodeEnvelope, decodeWebSocketMessage]) {
          try {
            decode(b);
          } catch (e) {
            assert.ok(isHushError(e, 'HUSH_ERR_BAD_PROTOBUF'), String(e));
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it('rejects inputs above the size bound and non-bytes', () => {
    assertCode(() => decodeContent(new Uint8Array(MAX_PROTOBUF_BYTES + 1)), 'HUSH_ERR_TOO_LARGE');
    assertCode(() => decodeContent('0a00' as unknown as Uint8Array), 'HUSH_ERR_BAD_ARGUMENT');
  });
});

describe('encoding checks its input', () => {
  it('names the field that is wrong', () => {
    assertCode(() => encodeEnvelope({ timestamp: TS } as unknown as EnvelopeMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Envelope.type');
    assertCode(() => encodeEnvelope({ type: 5, timestamp: TS }), 'HUSH_ERR_BAD_ARGUMENT', 'Envelope.type');
    assertCode(() => encodeContent({ dataMessage: { body: 5 } } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.dataMessage.body');
    assertCode(() => encodeContent({ dataMessage: { bdy: 'x' } } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.dataMessage.bdy');
    assertCode(() => encodeContent({ dataMessage: { quote: { id: 1 } } } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.dataMessage.quote.author');
    assertCode(() => encodeContent({ expirationTimer: 2 ** 32 }), 'HUSH_ERR_BAD_ARGUMENT', 'Content.expirationTimer');
    assertCode(() => encodeContent({ dataMessage: { profileKey: [1, 2] } } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.dataMessage.profileKey');
    assertCode(() => encodeContent({ dataMessage: { attachments: {} } } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.dataMessage.attachments');
    assertCode(() => encodeContent({ constructor: {} } as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT', 'Content.constructor');
    assertCode(() => encodeContent(null as unknown as ContentMessage), 'HUSH_ERR_BAD_ARGUMENT');
  });

  it('Content round trip for arbitrary DataMessage text, timestamps and keys', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
        (body, ts, profileKey, timer) => {
          const value: ContentMessage = {
            dataMessage: { body, profileKey, quote: { id: ts, author: ID05 } },
            sigTimestamp: ts,
            ...(timer === undefined ? {} : { expirationTimer: timer }),
          };
          assert.deepEqual(decodeContent(encodeContent(value)), value);
        },
      ),
      { numRuns: 200 },
    );
  });
});
