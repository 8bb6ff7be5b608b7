/**
 * The messenger's Content builders and classifier: what we put on the wire is what a Session
 * client (desktop's protobufjs classes) puts there, byte for byte, and what such a client sends us
 * is understood. Expected bytes are written by hand from the field numbers of spec client §4.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import {
  decodeContent,
  decodeFor1o1,
  deriveAccountKeys,
  encodeContent,
  encodeFor1o1,
  fromHex,
  isHushError,
  recipientKeyFromSessionId,
  toHex,
} from '@hush/core';
import type { ContentMessage, HushErrorCode } from '@hush/core';
import { classifyContent } from '../src/messenger/content/classify-content.ts';
import { checkDisappearing, checkDisplayName, checkText } from '../src/messenger/content/content-checks.ts';
import {
  DISAPPEARING_TIMERS,
  MAX_DISPLAY_NAME_BYTES,
  MAX_TEXT_CODE_POINTS,
} from '../src/messenger/content/content-limits.ts';
import {
  messageRequestResponseContent,
  readReceiptContent,
  typingContent,
  unsendContent,
} from '../src/messenger/content/control-messages.ts';
import { expirationTimerUpdateContent } from '../src/messenger/content/expiration-timer-update.ts';
import type { IncomingItem } from '../src/messenger/content/incoming-item.ts';
import { ttlFor } from '../src/messenger/content/message-ttl.ts';
import { visibleMessageContent } from '../src/messenger/content/visible-message.ts';
import type { DisappearingSetting } from '../src/messenger/messenger-types.ts';

// The two accounts of the shared 1:1 vector: "bob" (sender seed 0123…) and "alice" (00112233…).
const bob = deriveAccountKeys(fromHex('0123456789abcdef0123456789abcdef00000000000000000000000000000000', 'seed', 32));
const alice = deriveAccountKeys(fromHex('00112233445566778899aabbccddeeff00000000000000000000000000000000', 'seed', 32));
const carol = deriveAccountKeys(fromHex('ff'.repeat(16) + '00'.repeat(16), 'seed', 32));
const TS = 1_700_000_000_000;
const TS_HEX = '80d095ffbc31'; // varint(1 700 000 000 000), as in the shared vector
const OFF: DisappearingSetting = { mode: 'off', seconds: 0 };
const DAY = 86_400;

/** Protobuf varint, written independently of protobufjs. */
function varint(n: number): string {
  let out = '';
  let v = BigInt(n);
  do {
    const low = Number(v & 0x7fn);
    v >>= 7n;
    out += (v > 0n ? low | 0x80 : low).toString(16).padStart(2, '0');
  } while (v > 0n);
  return out;
}

/** A length-delimited field: tag hex, then varint length, then the bytes. */
function ld(tag: string, hex: string): string {
  return tag + varint(hex.length / 2) + hex;
}

function ascii(s: string): string {
  return Buffer.from(s, 'utf8').toString('hex');
}

/** Wire round trip of the Content alone, then classification as `to` receiving from `from`. */
function receive(content: ContentMessage, from: string, to: string, envelopeTimestamp = TS): IncomingItem {
  const decoded = decodeContent(encodeContent(content));
  return classifyContent({ content: decoded, sender: from, envelopeTimestamp, ownSessionId: to });
}

function throwsHush(fn: () => unknown, code: HushErrorCode, field?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isHushError(err, code), `expected ${code}, got ${String(err)}`);
    if (field !== undefined) assert.equal(err.details['field'], field);
    return true;
  });
}

function clientVector(name: string): { inputs: Record<string, unknown>; expected: Record<string, unknown> } {
  const file = new URL('../../../../shared/vectors/session-client-vectors.json', import.meta.url);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { vectors: { name: string; inputs: Record<string, unknown>; expected: Record<string, unknown> }[] };
  const v = doc.vectors.find((x) => x.name === name);
  assert.ok(v, name);
  return v;
}

describe('what a real Session client sends is understood', () => {
  it('session_protocol.full_1o1_wire_message: decoded by core, classified as a text from its sender', () => {
    const { expected } = clientVector('session_protocol.full_1o1_wire_message');
    const decoded = decodeFor1o1(fromHex(expected['swarm_payload_hex'] as string, 'wire'), alice);
    const item = classifyContent({
      content: decoded.content,
      sender: decoded.senderSessionId,
      envelopeTimestamp: decoded.envelope.timestamp,
      ownSessionId: alice.sessionId,
    });
    assert.deepEqual(item, {
      kind: 'text',
      conversationId: bob.sessionId,
      author: bob.sessionId,
      sentAt: TS,
      text: 'hello',
      displayName: null,
      disappearing: OFF,
      outgoing: false,
    });
  });

  it('desktop VisibleMessage (after-read 1 day, profile name) → text with name and setting', () => {
    const data = ld('0a', ascii('hi')) + ld('aa06', ld('0a', ascii('Bob')));
    const hex = ld('0a', data) + '6001' + '68' + varint(DAY) + '78' + TS_HEX;
    const item = classifyContent({ content: decodeContent(fromHex(hex, 'content')), sender: bob.sessionId, envelopeTimestamp: TS, ownSessionId: alice.sessionId });
    assert.equal(item.kind, 'text');
    assert.equal(item.kind === 'text' && item.displayName, 'Bob');
    assert.deepEqual(item.kind === 'text' && item.disappearing, { mode: 'after-read', seconds: DAY });
  });

  it('desktop ExpirationTimerUpdate turning the timer off (UNKNOWN + 0 present) → timer-update off', () => {
    const hex = ld('0a', '2002') + '6000' + '6800' + '78' + TS_HEX;
    const item = classifyContent({ content: decodeContent(fromHex(hex, 'content')), sender: bob.sessionId, envelopeTimestamp: TS, ownSessionId: alice.sessionId });
    assert.deepEqual(item, { kind: 'timer-update', conversationId: bob.sessionId, author: bob.sessionId, sentAt: TS, disappearing: OFF, outgoing: false });
  });

  it('an old client’s timer update (DataMessage.expireTimer only) is after-send', () => {
    const hex = ld('0a', '2002' + '28' + varint(3600)) + '78' + TS_HEX;
    const item = classifyContent({ content: decodeContent(fromHex(hex, 'content')), sender: bob.sessionId, envelopeTimestamp: TS, ownSessionId: alice.sessionId });
    assert.equal(item.kind, 'timer-update');
    assert.deepEqual(item.kind === 'timer-update' && item.disappearing, { mode: 'after-send', seconds: 3600 });
  });
});

describe('builders put on the wire what session-desktop puts there', () => {
  it('visible message: body, profile (name + lastProfileUpdateSeconds), expiration fields, sigTimestamp', () => {
    const content = visibleMessageContent({
      sentAt: TS,
      text: 'hi',
      profile: { displayName: 'Bob', updatedAtSeconds: 1_699_999_000 },
      disappearing: { mode: 'after-read', seconds: DAY },
    });
    const profile = ld('0a', ascii('Bob')) + '18' + varint(1_699_999_000);
    const expected = ld('0a', ld('0a', ascii('hi')) + ld('aa06', profile)) + '6001' + '68' + varint(DAY) + '78' + TS_HEX;
    assert.equal(toHex(encodeContent(content)), expected);
  });

  it("visible message in a conversation with the timer off carries UNKNOWN/0 like desktop's ExpirableMessage", () => {
    const content = visibleMessageContent({ sentAt: TS, text: 'hello', disappearing: OFF });
    assert.equal(toHex(encodeContent(content)), ld('0a', ld('0a', ascii('hello'))) + '6000' + '6800' + '78' + TS_HEX);
  });

  it('visible message without a setting is exactly the shared vector’s Content', () => {
    const { inputs } = clientVector('session_protocol.full_1o1_wire_message');
    assert.equal(toHex(encodeContent(visibleMessageContent({ sentAt: TS, text: 'hello' }))), inputs['content_protobuf_hex']);
  });

  it('sync copy: syncTarget (field 105) is the recipient', () => {
    const content = visibleMessageContent({ sentAt: TS, text: 'hi', syncTarget: bob.sessionId });
    assert.equal(toHex(encodeContent(content)), ld('0a', ld('0a', ascii('hi')) + ld('ca06', ascii(bob.sessionId))) + '78' + TS_HEX);
  });

  it('timer update: flags 2 and the Content fields; off is UNKNOWN(0) + 0, both present', () => {
    const on = expirationTimerUpdateContent({ sentAt: TS, disappearing: { mode: 'after-send', seconds: 300 }, syncTarget: bob.sessionId });
    assert.equal(toHex(encodeContent(on)), ld('0a', '2002' + ld('ca06', ascii(bob.sessionId))) + '6002' + '68' + varint(300) + '78' + TS_HEX);
    const off = expirationTimerUpdateContent({ sentAt: TS, disappearing: OFF });
    assert.equal(toHex(encodeContent(off)), ld('0a', '2002') + '6000' + '6800' + '78' + TS_HEX);
  });

  it('read receipt, typing, unsend and request response', () => {
    const receipt = readReceiptContent({ sentAt: TS, timestamps: [TS - 5000, TS - 1] });
    assert.equal(toHex(encodeContent(receipt)), ld('2a', '0801' + '10' + varint(TS - 5000) + '10' + varint(TS - 1)) + '78' + TS_HEX);
    assert.equal(toHex(encodeContent(typingContent({ sentAt: TS, typing: true }))), ld('32', '08' + TS_HEX + '1000') + '78' + TS_HEX);
    assert.equal(toHex(encodeContent(typingContent({ sentAt: TS, typing: false }))), ld('32', '08' + TS_HEX + '1001') + '78' + TS_HEX);
    const unsend = unsendContent({ sentAt: TS, timestamp: TS - 60_000, author: alice.sessionId });
    assert.equal(toHex(encodeContent(unsend)), ld('4a', '08' + varint(TS - 60_000) + ld('12', ascii(alice.sessionId))) + '78' + TS_HEX);
    const mrr = messageRequestResponseContent({ sentAt: TS, profile: { displayName: 'Alice' } });
    assert.equal(toHex(encodeContent(mrr)), ld('52', '0801' + ld('1a', ld('0a', ascii('Alice')))) + '78' + TS_HEX);
    assert.equal(toHex(encodeContent(messageRequestResponseContent({ sentAt: TS }))), ld('52', '0801') + '78' + TS_HEX);
  });
});

describe('round trips: build → encode → decode → classify', () => {
  const textArb = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 400 })
    .filter((s) => s.trim() !== '' && [...s].length <= MAX_TEXT_CODE_POINTS);
  const nameArb = fc
    .string({ unit: 'binary', minLength: 1, maxLength: 40 })
    .filter((s) => s.trim() !== '' && Buffer.byteLength(s) <= MAX_DISPLAY_NAME_BYTES);
  const sentAtArb = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
  const settingArb = fc.oneof(
    fc.constant(OFF),
    fc
      .record({ mode: fc.constantFrom('after-send' as const, 'after-read' as const), seconds: fc.constantFrom(...DISAPPEARING_TIMERS.filter((s) => s > 0)) })
      .map((r): DisappearingSetting => ({ ...r })),
  );

  it('text from a peer: same text, name, time and setting; conversation = sender', () => {
    fc.assert(
      fc.property(textArb, nameArb, sentAtArb, settingArb, (text, name, sentAt, disappearing) => {
        const content = visibleMessageContent({ sentAt, text, profile: { displayName: name }, disappearing });
        assert.deepEqual(receive(content, bob.sessionId, alice.sessionId, sentAt), {
          kind: 'text',
          conversationId: bob.sessionId,
          author: bob.sessionId,
          sentAt,
          text,
          displayName: name,
          disappearing,
          outgoing: false,
        });
      }),
      { numRuns: 150 },
    );
  });

  it('through the whole 1:1 wire (encrypt, envelope, decrypt) as well', () => {
    const content = visibleMessageContent({ sentAt: TS + 1, text: 'über 🐢', profile: { displayName: 'Bob' } });
    const wire = encodeFor1o1({ content: encodeContent(content), senderEd25519SecretKey: bob.ed25519SecretKey, sentTimestampMs: TS + 1, recipient: recipientKeyFromSessionId(alice.sessionId) });
    const decoded = decodeFor1o1(wire, alice);
    const item = classifyContent({ content: decoded.content, sender: decoded.senderSessionId, envelopeTimestamp: decoded.envelope.timestamp, ownSessionId: alice.sessionId });
    assert.equal(item.kind === 'text' && item.text, 'über 🐢');
    assert.equal(item.kind === 'text' && item.sentAt, TS + 1);
  });

  it('read receipts keep every timestamp', () => {
    fc.assert(
      fc.property(fc.array(sentAtArb, { minLength: 1, maxLength: 60 }), sentAtArb, (timestamps, sentAt) => {
        const item = receive(readReceiptContent({ sentAt, timestamps }), bob.sessionId, alice.sessionId, sentAt);
        assert.deepEqual(item, { kind: 'read-receipt', conversationId: bob.sessionId, timestamps, readAt: sentAt });
      }),
      { numRuns: 100 },
    );
  });

  it('typing started / stopped', () => {
    fc.assert(
      fc.property(fc.boolean(), sentAtArb, (typing, sentAt) => {
        assert.deepEqual(receive(typingContent({ sentAt, typing }), bob.sessionId, alice.sessionId, sentAt), { kind: 'typing', conversationId: bob.sessionId, typing });
      }),
      { numRuns: 50 },
    );
  });

  it('a typing indicator whose timestamp is not the envelope’s is ignored (as desktop)', () => {
    assert.equal(receive(typingContent({ sentAt: TS, typing: true }), bob.sessionId, alice.sessionId, TS + 1).kind, 'ignored');
  });

  it('timer update from a peer, and our own synced one', () => {
    fc.assert(
      fc.property(settingArb, sentAtArb, (disappearing, sentAt) => {
        const fromPeer = receive(expirationTimerUpdateContent({ sentAt, disappearing }), bob.sessionId, alice.sessionId, sentAt);
        assert.deepEqual(fromPeer, { kind: 'timer-update', conversationId: bob.sessionId, author: bob.sessionId, sentAt, disappearing, outgoing: false });
        const synced = receive(expirationTimerUpdateContent({ sentAt, disappearing, syncTarget: bob.sessionId }), alice.sessionId, alice.sessionId, sentAt);
        assert.deepEqual(synced, { kind: 'timer-update', conversationId: bob.sessionId, author: alice.sessionId, sentAt, disappearing, outgoing: true });
      }),
      { numRuns: 50 },
    );
  });

  it('request response carries approval and the name', () => {
    fc.assert(
      fc.property(nameArb, (name) => {
        const item = receive(messageRequestResponseContent({ sentAt: TS, profile: { displayName: name } }), bob.sessionId, alice.sessionId);
        assert.deepEqual(item, { kind: 'request-response', conversationId: bob.sessionId, approved: true, displayName: name });
      }),
      { numRuns: 50 },
    );
  });

  it('unsend of the sender’s own message', () => {
    const item = receive(unsendContent({ sentAt: TS, timestamp: TS - 10, author: bob.sessionId }), bob.sessionId, alice.sessionId);
    assert.deepEqual(item, { kind: 'unsend', conversationId: bob.sessionId, author: bob.sessionId, timestamp: TS - 10, fromSelf: false });
    const ours = receive(unsendContent({ sentAt: TS, timestamp: TS - 10, author: alice.sessionId }), alice.sessionId, alice.sessionId);
    assert.deepEqual(ours, { kind: 'unsend', conversationId: alice.sessionId, author: alice.sessionId, timestamp: TS - 10, fromSelf: true });
  });

  // Fed to the classifier as decodeContent could return it (enums may hold values a newer peer uses).
  it('classifies any well-formed Content without throwing', () => {
    const idArb = fc.constantFrom(alice.sessionId, bob.sessionId, carol.sessionId, '03' + 'ab'.repeat(32), 'junk', '');
    const contentArb = fc.record(
      {
        dataMessage: fc.record(
          { body: fc.string({ maxLength: 30 }), flags: fc.nat(7), expireTimer: fc.nat(), syncTarget: idArb, reaction: fc.constant({ id: 1, author: bob.sessionId, action: 0 }) },
          { requiredKeys: [] },
        ),
        receiptMessage: fc.record({ type: fc.nat(3), timestamp: fc.array(fc.nat(), { maxLength: 3 }) }, { requiredKeys: ['type'] }),
        typingMessage: fc.record({ timestamp: fc.nat(), action: fc.nat(3) }),
        unsendRequest: fc.record({ timestamp: fc.nat(), author: idArb }),
        messageRequestResponse: fc.record({ isApproved: fc.boolean(), profile: fc.record({ displayName: fc.string({ maxLength: 120 }) }) }, { requiredKeys: ['isApproved'] }),
        callMessage: fc.constant({ type: 1, uuid: 'u' }),
        expirationType: fc.nat(4),
        expirationTimer: fc.nat(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(contentArb, fc.constantFrom(alice.sessionId, bob.sessionId), fc.nat(), (content, sender, ts) => {
        const item = classifyContent({ content: content as ContentMessage, sender, envelopeTimestamp: ts, ownSessionId: alice.sessionId });
        assert.ok(['text', 'timer-update', 'read-receipt', 'typing', 'unsend', 'request-response', 'ignored'].includes(item.kind));
      }),
      { numRuns: 200 },
    );
  });
});

describe('sync copies and note-to-self', () => {
  it('our own message with a syncTarget is an outgoing message in that conversation', () => {
    const item = receive(visibleMessageContent({ sentAt: TS, text: 'sent from my phone', syncTarget: bob.sessionId }), alice.sessionId, alice.sessionId);
    assert.equal(item.kind, 'text');
    assert.equal(item.kind === 'text' && item.conversationId, bob.sessionId);
    assert.equal(item.kind === 'text' && item.author, alice.sessionId);
    assert.equal(item.kind === 'text' && item.outgoing, true);
  });

  it('our own message without a syncTarget is note-to-self', () => {
    const item = receive(visibleMessageContent({ sentAt: TS, text: 'remember milk' }), alice.sessionId, alice.sessionId);
    assert.equal(item.kind === 'text' && item.conversationId, alice.sessionId);
    assert.equal(item.kind === 'text' && item.outgoing, true);
  });

  it('note-to-self disappears after send only (desktop: isMe → deleteAfterSend)', () => {
    const item = receive(visibleMessageContent({ sentAt: TS, text: 'x', disappearing: { mode: 'after-read', seconds: 60 } }), alice.sessionId, alice.sessionId);
    assert.deepEqual(item.kind === 'text' && item.disappearing, { mode: 'after-send', seconds: 60 });
  });

  it('a syncTarget on a peer’s message does not move it: it stays in the sender’s conversation', () => {
    const item = receive(visibleMessageContent({ sentAt: TS, text: 'hi', syncTarget: carol.sessionId }), bob.sessionId, alice.sessionId);
    assert.equal(item.kind === 'text' && item.conversationId, bob.sessionId);
    assert.equal(item.kind === 'text' && item.outgoing, false);
  });

  it('our own sync copy aimed at a non-05 id (a group, junk) is ignored', () => {
    for (const syncTarget of ['03' + 'ab'.repeat(32), 'not-an-id', '05' + '00'.repeat(32)]) {
      const content: ContentMessage = { sigTimestamp: TS, dataMessage: { body: 'x', syncTarget } };
      assert.equal(receive(content, alice.sessionId, alice.sessionId).kind, 'ignored', syncTarget);
    }
  });

  it('receipts, typing and request responses from our own account are ignored', () => {
    assert.equal(receive(readReceiptContent({ sentAt: TS, timestamps: [1] }), alice.sessionId, alice.sessionId).kind, 'ignored');
    assert.equal(receive(typingContent({ sentAt: TS, typing: true }), alice.sessionId, alice.sessionId).kind, 'ignored');
    assert.equal(receive(messageRequestResponseContent({ sentAt: TS }), alice.sessionId, alice.sessionId).kind, 'ignored');
  });
});

describe('a peer can only unsend its own messages', () => {
  it('bob asking to delete carol’s (or our) message is ignored', () => {
    for (const author of [carol.sessionId, alice.sessionId]) {
      const item = receive(unsendContent({ sentAt: TS, timestamp: TS - 10, author }), bob.sessionId, alice.sessionId);
      assert.equal(item.kind, 'ignored');
    }
  });

  it('an unsend whose author is not a Session ID is ignored', () => {
    assert.equal(receive({ sigTimestamp: TS, unsendRequest: { timestamp: 5, author: 'bob' } }, bob.sessionId, alice.sessionId).kind, 'ignored');
  });
});

describe('limits', () => {
  const turtle = '🐢'; // one code point, two UTF-16 units, four UTF-8 bytes

  it('outgoing text: 2 000 code points pass, 2 001 are HUSH_ERR_TEXT_TOO_LONG (astral characters count once)', () => {
    const max = turtle.repeat(MAX_TEXT_CODE_POINTS);
    assert.equal(max.length, 4000);
    assert.equal(checkText(max), max);
    assert.equal(visibleMessageContent({ sentAt: TS, text: max }).dataMessage?.body, max);
    throwsHush(() => checkText(max + 'a'), 'HUSH_ERR_TEXT_TOO_LONG', 'text');
    throwsHush(() => visibleMessageContent({ sentAt: TS, text: max + turtle }), 'HUSH_ERR_TEXT_TOO_LONG', 'text');
  });

  it('outgoing text must not be blank, nor hold a lone surrogate', () => {
    for (const text of ['', '   ', '\n\t', 42, null]) throwsHush(() => checkText(text), 'HUSH_ERR_BAD_ARGUMENT', 'text');
    throwsHush(() => checkText('a\ud83d'), 'HUSH_ERR_BAD_ARGUMENT', 'text');
  });

  it('incoming text: 10 000 code points kept, 10 001 ignored; blank or attachment-only ignored', () => {
    const max = turtle.repeat(10_000);
    const ok = receive({ sigTimestamp: TS, dataMessage: { body: max } }, bob.sessionId, alice.sessionId);
    assert.equal(ok.kind === 'text' && ok.text, max);
    assert.equal(receive({ sigTimestamp: TS, dataMessage: { body: max + 'a' } }, bob.sessionId, alice.sessionId).kind, 'ignored');
    assert.equal(receive({ sigTimestamp: TS, dataMessage: { body: '  ' } }, bob.sessionId, alice.sessionId).kind, 'ignored');
    assert.equal(receive({ sigTimestamp: TS, dataMessage: { attachments: [{ id: 1, url: 'http://x/1' }] } }, bob.sessionId, alice.sessionId).kind, 'ignored');
  });

  it('display name: 100 UTF-8 bytes pass, 101 do not (outgoing throws, incoming becomes null)', () => {
    const name100 = turtle.repeat(25);
    const name101 = turtle.repeat(24) + 'abcde';
    assert.equal(Buffer.byteLength(name100), 100);
    assert.equal(Buffer.byteLength(name101), 101);
    assert.equal(checkDisplayName(name100), name100);
    throwsHush(() => checkDisplayName(name101), 'HUSH_ERR_BAD_ARGUMENT', 'displayName');
    throwsHush(() => checkDisplayName(' '), 'HUSH_ERR_BAD_ARGUMENT', 'displayName');
    throwsHush(() => visibleMessageContent({ sentAt: TS, text: 'x', profile: { displayName: name101 } }), 'HUSH_ERR_BAD_ARGUMENT', 'displayName');
    const nameOf = (displayName: string): string | null => {
      const item = receive({ sigTimestamp: TS, dataMessage: { body: 'x', profile: { displayName } } }, bob.sessionId, alice.sessionId);
      return item.kind === 'text' ? item.displayName : 'not text';
    };
    assert.equal(nameOf(name100), name100);
    assert.equal(nameOf(name101), null);
    assert.equal(nameOf('  '), null);
  });

  it('read receipts: 1 000 timestamps kept, 1 001 ignored; outgoing refuses more than 1 000', () => {
    const many = Array.from({ length: 1000 }, (_, i) => TS - i);
    const ok = receive({ sigTimestamp: TS, receiptMessage: { type: 1, timestamp: many } }, bob.sessionId, alice.sessionId);
    assert.equal(ok.kind === 'read-receipt' && ok.timestamps.length, 1000);
    assert.equal(receive({ sigTimestamp: TS, receiptMessage: { type: 1, timestamp: [...many, 1] } }, bob.sessionId, alice.sessionId).kind, 'ignored');
    throwsHush(() => readReceiptContent({ sentAt: TS, timestamps: [...many, 1] }), 'HUSH_ERR_BAD_ARGUMENT', 'timestamps');
    throwsHush(() => readReceiptContent({ sentAt: TS, timestamps: [] }), 'HUSH_ERR_BAD_ARGUMENT', 'timestamps');
  });

  it('disappearing setting: only the allowed timers, 0 exactly for off', () => {
    assert.deepEqual(checkDisappearing({ mode: 'after-send', seconds: 300 }), { mode: 'after-send', seconds: 300 });
    assert.deepEqual(checkDisappearing(OFF), OFF);
    throwsHush(() => checkDisappearing({ mode: 'after-send', seconds: 301 }), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing.seconds');
    throwsHush(() => checkDisappearing({ mode: 'after-read', seconds: 0 }), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing.seconds');
    throwsHush(() => checkDisappearing({ mode: 'off', seconds: 60 }), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing.seconds');
    throwsHush(() => checkDisappearing({ mode: 'sometimes', seconds: 60 }), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing.mode');
    throwsHush(() => checkDisappearing(null), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing');
    throwsHush(() => expirationTimerUpdateContent({ sentAt: TS, disappearing: { mode: 'after-send', seconds: 7 } }), 'HUSH_ERR_BAD_ARGUMENT', 'disappearing.seconds');
  });

  it('an incoming timer longer than 14 days is refused', () => {
    const content: ContentMessage = { sigTimestamp: TS, expirationType: 2, expirationTimer: 1_209_601, dataMessage: { body: 'x' } };
    assert.equal(receive(content, bob.sessionId, alice.sessionId).kind, 'ignored');
  });

  it('sentAt and other ids are checked', () => {
    for (const sentAt of [0, -1, 1.5, Number.NaN]) throwsHush(() => typingContent({ sentAt, typing: true }), 'HUSH_ERR_BAD_ARGUMENT', 'sentAt');
    throwsHush(() => visibleMessageContent({ sentAt: TS, text: 'x', syncTarget: '03' + 'ab'.repeat(32) }), 'HUSH_ERR_BAD_SESSION_ID', 'syncTarget');
    throwsHush(() => unsendContent({ sentAt: TS, timestamp: TS, author: 'me' }), 'HUSH_ERR_BAD_SESSION_ID', 'author');
  });
});

describe('ignored kinds', () => {
  const cases: [string, ContentMessage][] = [
    ['call', { sigTimestamp: TS, callMessage: { type: 6, uuid: 'abc' } }],
    ['data extraction', { sigTimestamp: TS, dataExtractionNotification: { type: 2, timestamp: TS - 1 } }],
    ['config', { sigTimestamp: TS, sharedConfigMessage: { kind: 1, seqno: 1, data: new Uint8Array(1) } }],
    ['reaction', { sigTimestamp: TS, dataMessage: { reaction: { id: TS - 1, author: alice.sessionId, emoji: '👍', action: 0 } } }],
    ['group update', { sigTimestamp: TS, dataMessage: { body: 'x', groupUpdateMessage: { memberLeftMessage: {} } } }],
    ['delivery receipt', { sigTimestamp: TS, receiptMessage: { type: 0, timestamp: [TS - 1] } }],
    ['empty', { sigTimestamp: TS }],
  ];
  for (const [name, content] of cases) {
    it(name, () => {
      const item = receive(content, bob.sessionId, alice.sessionId);
      assert.equal(item.kind, 'ignored');
      assert.ok(item.kind === 'ignored' && item.reason.length > 0);
    });
  }
});

describe('ttlFor', () => {
  const DAY_MS = 86_400_000;
  it('follows desktop: 14 d content, 20 s typing, after-send = timer (≥ the 10 s store minimum)', () => {
    assert.equal(ttlFor('visible'), 14 * DAY_MS);
    assert.equal(ttlFor('visible', OFF), 14 * DAY_MS);
    assert.equal(ttlFor('typing'), 20_000);
    for (const kind of ['read-receipt', 'unsend', 'request-response'] as const) assert.equal(ttlFor(kind), 14 * DAY_MS);
    assert.equal(ttlFor('visible', { mode: 'after-send', seconds: 3600 }), 3_600_000);
    assert.equal(ttlFor('timer-update', { mode: 'after-send', seconds: 300 }), 300_000);
    assert.equal(ttlFor('visible', { mode: 'after-send', seconds: 5 }), 10_000);
    assert.equal(ttlFor('visible', { mode: 'after-read', seconds: 3600 }), 14 * DAY_MS);
    assert.equal(ttlFor('visible', { mode: 'after-read', seconds: 3600 }, { syncCopy: true }), 3_600_000);
  });
});
