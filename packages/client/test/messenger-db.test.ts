/** The messenger's local database on real files: what the UI and the pipeline read back. */
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { HushError, deriveAccountKeys } from '@hush/core';
import type { HushErrorCode } from '@hush/core';
import { openMessengerDb } from '../src/messenger/db/messenger-db.ts';
import type { MessengerDb, NewMessage } from '../src/messenger/db/messenger-db-types.ts';

const idOf = (n: number): string => deriveAccountKeys(new Uint8Array(16).fill(n)).sessionId;
const ME = idOf(1);
const ALICE = idOf(2);
const BOB = idOf(3);
const CAROL = idOf(4);
const OFF = { mode: 'off', seconds: 0 } as const;

let root = '';
let counter = 0;
const freshFile = (): string => join(root, `db${++counter}.sqlite`);
const open = (file = freshFile(), now?: () => number): MessengerDb =>
  openMessengerDb(file, now === undefined ? { self: ME } : { self: ME, now });

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'hush-messenger-db-'));
});
after(() => rm(root, { recursive: true, force: true }));

function throwsHush(fn: () => unknown, code: HushErrorCode, mentions: readonly string[] = []): HushError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught instanceof HushError, `expected ${code}, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  for (const part of mentions) assert.ok(caught.message.includes(part), `"${caught.message}" mentions "${part}"`);
  return caught;
}

/** An incoming message from `from` (its conversation), or ours to `to` with `out`. */
function msg(peer: string, sentAt: number, text: string, over: Partial<NewMessage> = {}): NewMessage {
  const out = over.direction === 'out';
  return {
    conversationId: peer,
    direction: 'in',
    author: out ? ME : peer,
    sentAt,
    receivedAt: sentAt + 5,
    text,
    delivery: 'stored',
    storedOn: 0,
    swarmSize: 0,
    error: null,
    readAt: null,
    disappearing: OFF,
    expiresAt: null,
    ...over,
  };
}
const outgoing = (peer: string, sentAt: number, text: string, over: Partial<NewMessage> = {}): NewMessage =>
  msg(peer, sentAt, text, { direction: 'out', author: ME, delivery: 'sending', swarmSize: 0, ...over });

function inserted(db: MessengerDb, m: NewMessage) {
  const stored = db.insertMessage(m);
  assert.ok(stored !== null, `inserted ${m.author}/${m.sentAt}`);
  return stored;
}

describe('messenger database', () => {
  test('a new file is private (0600, whatever the umask), in WAL mode, at schema version 1', async () => {
    for (const umask of [0o000, 0o277]) {
      const old = process.umask(umask);
      const file = freshFile();
      try {
        const db = open(file);
        db.ensureConversation(ALICE, 'accepted', 1000); // a write, so the -wal file exists
        assert.equal((await stat(file)).mode & 0o777, 0o600, `umask ${umask.toString(8)}`);
        assert.equal((await stat(`${file}-wal`)).mode & 0o777, 0o600);
        db.close();
      } finally {
        process.umask(old);
      }
      const raw = new Database(file, { readonly: true });
      assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(raw.pragma('user_version', { simple: true }), 1);
      raw.close();
    }
  });

  test('a message is stored once per (author, sentAt), whatever the conversation or how often it arrives', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 1000);
    db.ensureConversation(BOB, 'accepted', 1000);
    const first = inserted(db, msg(ALICE, 2000, 'hi'));
    assert.equal(db.insertMessage(msg(ALICE, 2000, 'hi')), null, 're-poll of the same message');
    assert.equal(db.insertMessage(msg(ALICE, 2000, 'different text, same identity')), null);
    const mine = inserted(db, outgoing(ALICE, 2000, 'ours at the same ms'));
    assert.equal(db.insertMessage(outgoing(BOB, 2000, 'sync copy from another device')), null, 'our own (author, sentAt) again');
    inserted(db, msg(BOB, 2000, "bob's own message at that ms"));
    assert.deepEqual(db.findMessage(ALICE, 2000), first);
    assert.deepEqual(db.findMessage(ME, 2000), mine);
    assert.equal(db.findMessage(ALICE, 2001), null);
    assert.deepEqual(db.listMessages(ALICE).map((m) => m.text), ['hi', 'ours at the same ms']);
    assert.equal(db.getConversation(ALICE)?.unread, 1);
    db.close();
  });

  test('a message needs its conversation, and inputs are checked with the field named', () => {
    const db = open();
    throwsHush(() => db.insertMessage(msg(ALICE, 1, 'x')), 'HUSH_ERR_BAD_ARGUMENT', ['conversationId']);
    db.ensureConversation(ALICE, 'accepted', 1);
    throwsHush(() => db.getConversation(ALICE.toUpperCase()), 'HUSH_ERR_BAD_SESSION_ID', ['id']);
    throwsHush(() => db.ensureConversation(`03${ALICE.slice(2)}`, 'accepted', 1), 'HUSH_ERR_BAD_SESSION_ID', ['id']);
    throwsHush(() => db.insertMessage(msg(ALICE, 1, 'x', { author: ALICE.slice(0, 64) })), 'HUSH_ERR_BAD_SESSION_ID', ['author']);
    throwsHush(() => db.insertMessage(msg(ALICE, 1, 'x', { author: BOB })), 'HUSH_ERR_BAD_ARGUMENT', ['author']);
    throwsHush(() => db.insertMessage(msg(ALICE, -1, 'x')), 'HUSH_ERR_BAD_ARGUMENT', ['sentAt']);
    throwsHush(() => db.insertMessage(outgoing(ALICE, 1, 'x', { storedOn: 3, swarmSize: 2 })), 'HUSH_ERR_BAD_ARGUMENT', ['storedOn']);
    throwsHush(
      () => db.insertMessage(msg(ALICE, 1, 'x', { disappearing: { mode: 'off', seconds: 30 } })),
      'HUSH_ERR_BAD_ARGUMENT',
      ['disappearing.seconds'],
    );
    const big = 'é'.repeat(32 * 1024); // 64 KiB in UTF-8
    assert.equal(inserted(db, msg(ALICE, 2, big)).text, big);
    const e = throwsHush(() => db.insertMessage(msg(ALICE, 3, `${big}x`)), 'HUSH_ERR_TOO_LARGE', ['text']);
    assert.equal(e.details['max'], 64 * 1024);
    assert.equal(db.listMessages(ALICE).length, 1, 'nothing stored by the rejected calls');
    db.close();
  });

  test('unread counts incoming messages until they are marked read; read receipts mark ours', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 100);
    const a1 = inserted(db, msg(ALICE, 1000, 'one'));
    inserted(db, outgoing(ALICE, 1500, 'mine'));
    inserted(db, msg(ALICE, 2000, 'two'));
    inserted(db, msg(ALICE, 3000, 'three', { readAt: 3100 })); // read on arrival (conversation open)
    assert.equal(db.getConversation(ALICE)?.unread, 2);

    const read = db.markIncomingRead(ALICE, 5000);
    assert.deepEqual(read.map((m) => [m.text, m.readAt]), [['one', 5000], ['two', 5000]]);
    assert.equal(db.getConversation(ALICE)?.unread, 0);
    assert.deepEqual(db.markIncomingRead(ALICE, 6000), [], 'nothing left to mark');
    assert.equal(db.getMessage(a1.id)?.readAt, 5000, 'the first read time stays');

    assert.deepEqual(db.markOutgoingRead(ALICE, [1000, 1500, 9999], 7000).map((m) => [m.text, m.readAt]), [['mine', 7000]]);
    assert.deepEqual(db.markOutgoingRead(ALICE, [1500], 8000), [], 'a repeated receipt changes nothing');
    db.close();
  });

  test('conversations sort by last activity (never moving back); lastText is the newest message, clipped', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 1000);
    db.ensureConversation(BOB, 'accepted', 2000);
    db.ensureConversation(CAROL, 'request', 3000);
    assert.deepEqual(db.listConversations('accepted').map((c) => c.id), [BOB, ALICE]);
    assert.deepEqual(db.listConversations('request').map((c) => c.id), [CAROL]);

    inserted(db, msg(ALICE, 5000, 'newest'));
    inserted(db, msg(ALICE, 4000, 'arrived late, sent earlier'));
    const alice = db.getConversation(ALICE);
    assert.equal(alice?.lastActivityAt, 5000);
    assert.equal(alice?.lastText, 'newest');
    assert.deepEqual(db.listConversations('accepted').map((c) => c.id), [ALICE, BOB]);

    const long = '😀'.repeat(150) + 'x'.repeat(150);
    inserted(db, outgoing(BOB, 6000, long));
    const bob = db.getConversation(BOB);
    assert.equal(bob?.lastText, '😀'.repeat(150) + 'x'.repeat(50), '200 characters, no split emoji');
    assert.deepEqual(db.listConversations('accepted').map((c) => c.id), [BOB, ALICE]);
    assert.deepEqual(db.listMessages(ALICE).map((m) => m.text), ['arrived late, sent earlier', 'newest']);
    db.close();
  });

  test('messages page back from a message id, oldest first within a page', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 0);
    db.ensureConversation(BOB, 'accepted', 0);
    db.transaction(() => {
      for (let i = 1; i <= 250; i++) inserted(db, msg(ALICE, i * 10, `m${i}`));
      inserted(db, msg(BOB, 5, 'elsewhere'));
    });
    const page1 = db.listMessages(ALICE);
    assert.equal(page1.length, 100);
    assert.equal(page1[0]?.text, 'm151');
    assert.equal(page1[99]?.text, 'm250');
    const page2 = db.listMessages(ALICE, { before: page1[0]!.id, limit: 100 });
    assert.deepEqual([page2[0]?.text, page2[99]?.text], ['m51', 'm150']);
    const page3 = db.listMessages(ALICE, { before: page2[0]!.id, limit: 1000 });
    assert.deepEqual([page3.length, page3[0]?.text, page3[49]?.text], [50, 'm1', 'm50']);
    assert.deepEqual(db.listMessages(ALICE, { before: page3[0]!.id }), []);
    assert.equal(db.listMessages(ALICE, { limit: 3 }).map((m) => m.text).join(), 'm248,m249,m250');
    throwsHush(() => db.listMessages(ALICE, { limit: 1001 }), 'HUSH_ERR_BAD_ARGUMENT', ['limit']);
    const bobs = db.listMessages(BOB);
    throwsHush(() => db.listMessages(ALICE, { before: bobs[0]!.id }), 'HUSH_ERR_NOT_FOUND', ['before']);
    db.close();
  });

  test('seen hashes and last_hash round-trip; swept hashes are new again', () => {
    const db = open();
    assert.equal(db.markSeen('hashA', 10_000), true);
    assert.equal(db.markSeen('hashA', 10_000), false);
    assert.equal(db.markSeen('hashB', 20_000), true);
    assert.equal(db.sweepSeen(10_000), 1, 'hashA expired');
    assert.equal(db.markSeen('hashB', 20_000), false);
    assert.equal(db.markSeen('hashA', 30_000), true);

    assert.equal(db.getLastHash(0), null);
    db.setLastHash(0, 'h0-1');
    db.setLastHash(-10, 'hneg');
    db.setLastHash(0, 'h0-2');
    assert.equal(db.getLastHash(0), 'h0-2');
    assert.equal(db.getLastHash(-10), 'hneg');
    assert.equal(db.getLastHash(2), null);
    throwsHush(() => db.setLastHash(40_000, 'x'), 'HUSH_ERR_BAD_NAMESPACE');
    throwsHush(() => db.markSeen('', 1), 'HUSH_ERR_BAD_ARGUMENT', ['hash']);
    db.close();
  });

  test('settings start at Session defaults and change one at a time; our display name carries its time', () => {
    let now = 123_000;
    const db = open(freshFile(), () => now);
    assert.deepEqual(db.settings(), { readReceipts: false, typingIndicators: true });
    assert.deepEqual(db.updateSettings({ readReceipts: true }), { readReceipts: true, typingIndicators: true });
    assert.deepEqual(db.updateSettings({ typingIndicators: false }), { readReceipts: true, typingIndicators: false });
    throwsHush(() => db.updateSettings({ readReceipts: 'yes' } as never), 'HUSH_ERR_BAD_ARGUMENT', ['settings.readReceipts']);
    throwsHush(() => db.updateSettings({ theme: 'dark' } as never), 'HUSH_ERR_BAD_ARGUMENT', ['settings.theme']);
    assert.deepEqual(db.settings(), { readReceipts: true, typingIndicators: false });

    assert.equal(db.ownDisplayName(), null);
    db.setOwnDisplayName('Me Myself');
    now = 456_000;
    assert.deepEqual(db.ownProfile(), { displayName: 'Me Myself', updatedAt: 123_000 });
    db.setOwnDisplayName(null);
    assert.deepEqual(db.ownProfile(), { displayName: null, updatedAt: 456_000 });
    db.close();
  });

  test('ensureConversation creates once and never changes the state of an existing conversation', () => {
    const db = open();
    const first = db.ensureConversation(ALICE, 'accepted', 1000);
    assert.equal(first.created, true);
    assert.deepEqual(first.conversation, {
      id: ALICE,
      state: 'accepted',
      displayName: null,
      approvedMe: false,
      unread: 0,
      disappearing: OFF,
      lastActivityAt: 1000,
      lastText: null,
    });
    const again = db.ensureConversation(ALICE, 'request', 2000);
    assert.equal(again.created, false);
    assert.equal(again.conversation.state, 'accepted');
    assert.equal(again.conversation.lastActivityAt, 1000);
    assert.equal(db.setConversationState(ALICE, 'declined').state, 'declined');
    assert.equal(db.ensureConversation(ALICE, 'accepted', 3000).conversation.state, 'declined');
    throwsHush(() => db.setConversationState(BOB, 'accepted'), 'HUSH_ERR_NOT_FOUND', ['id']);
    db.close();
  });

  test('profile names: older updates are ignored; contacts and conversations show them; note-to-self is no contact', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 1);
    db.ensureConversation(BOB, 'request', 2);
    db.ensureConversation(ME, 'accepted', 3);
    assert.equal(db.setProfileName(ALICE, 'Alice', 1000), true);
    assert.equal(db.setProfileName(ALICE, 'Old Alice', 999), false);
    assert.equal(db.setProfileName(ALICE, 'Alice', 2000), false, 'same name, newer time: no change');
    assert.equal(db.setProfileName(ALICE, 'Alice B.', 2000), true);
    assert.equal(db.setProfileName(ALICE, 'Alice', 1500), false);
    assert.equal(db.getProfileName(ALICE), 'Alice B.');
    assert.equal(db.getProfileName(BOB), null);
    assert.equal(db.getConversation(ALICE)?.displayName, 'Alice B.');
    assert.deepEqual(db.listContacts(), [
      { sessionId: ALICE, displayName: 'Alice B.', state: 'accepted', approvedMe: false },
      { sessionId: BOB, displayName: null, state: 'request', approvedMe: false },
    ]);
    assert.equal(db.setApprovedMe(BOB, true).approvedMe, true);
    db.close();
  });

  test('closing and reopening the file keeps everything', () => {
    const file = freshFile();
    const db = open(file);
    db.ensureConversation(ALICE, 'accepted', 1000);
    db.setConversationDisappearing(ALICE, { mode: 'after-read', seconds: 300 });
    const sent = inserted(db, outgoing(ALICE, 2000, 'hello', { hashes: { theirs: 'theirHash' } }));
    db.setMessageHashes(sent.id, { ours: 'ourHash' });
    const delivered = db.updateDelivery(sent.id, { delivery: 'stored', storedOn: 4, swarmSize: 5, error: null });
    const got = inserted(db, msg(ALICE, 3000, 'hi back', { disappearing: { mode: 'after-read', seconds: 300 } }));
    db.setProfileName(ALICE, 'Alice', 3000);
    db.updateSettings({ readReceipts: true });
    db.setOwnDisplayName('Me');
    db.markSeen('seen1', 99_000);
    db.setLastHash(0, 'last0');
    const before = { conversations: db.listConversations('accepted'), messages: db.listMessages(ALICE) };
    db.close();
    throwsHush(() => db.listContacts(), 'HUSH_ERR_CLOSED');

    const again = open(file);
    assert.deepEqual(again.listConversations('accepted'), before.conversations);
    assert.deepEqual(again.listMessages(ALICE), before.messages);
    assert.deepEqual(again.getMessage(sent.id), delivered);
    assert.deepEqual(again.getMessage(got.id)?.disappearing, { mode: 'after-read', seconds: 300 });
    assert.deepEqual(again.messageHashes(sent.id), { theirs: 'theirHash', ours: 'ourHash' });
    assert.equal(again.getConversation(ALICE)?.displayName, 'Alice');
    assert.deepEqual(again.settings(), { readReceipts: true, typingIndicators: true });
    assert.equal(again.ownDisplayName(), 'Me');
    assert.equal(again.markSeen('seen1', 99_000), false);
    assert.equal(again.getLastHash(0), 'last0');
    assert.equal(again.insertMessage(msg(ALICE, 3000, 'hi back')), null, 'de-dup survives a restart');
    const next = inserted(again, msg(ALICE, 4000, 'after restart'));
    assert.ok(next.id > got.id);
    again.close();
  });

  test('refuses a file from a newer Hush, a garbage file, another account\'s file and another program\'s database', async () => {
    const newer = freshFile();
    open(newer).close();
    const raw = new Database(newer);
    raw.pragma('user_version = 2');
    raw.close();
    const e = throwsHush(() => open(newer), 'HUSH_ERR_BAD_DATABASE', [newer, 'newer']);
    assert.equal(e.details['version'], 2);

    const garbage = freshFile();
    await writeFile(garbage, Buffer.alloc(8192, 'not a database at all '));
    throwsHush(() => open(garbage), 'HUSH_ERR_BAD_DATABASE', [garbage, 'not a SQLite database']);

    const theirs = freshFile();
    openMessengerDb(theirs, { self: ALICE }).close();
    throwsHush(() => open(theirs), 'HUSH_ERR_BAD_DATABASE', [theirs, ALICE]);

    const foreign = freshFile();
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    throwsHush(() => open(foreign), 'HUSH_ERR_BAD_DATABASE', [foreign]);
  });

  test('a damaged row is reported with its table and column, not a TypeError', () => {
    const file = freshFile();
    const db = open(file);
    db.ensureConversation(ALICE, 'accepted', 1);
    const m = inserted(db, msg(ALICE, 10, 'x'));
    const raw = new Database(file);
    raw.prepare("UPDATE messages SET delivery = 'teleported' WHERE id = ?").run(m.id);
    raw.prepare("UPDATE conversations SET last_activity_at = 'yesterday'").run();
    raw.close();
    const e1 = throwsHush(() => db.getMessage(m.id), 'HUSH_ERR_BAD_DATABASE', ['messages.delivery']);
    assert.deepEqual([e1.details['table'], e1.details['column']], ['messages', 'delivery']);
    throwsHush(() => db.listConversations('accepted'), 'HUSH_ERR_BAD_DATABASE', ['conversations.last_activity_at']);
    db.close();
  });

  test('expiry: due messages in order, the next expiry, and deletes', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 1);
    assert.equal(db.nextExpiry(), null);
    const timer = { mode: 'after-send', seconds: 60 } as const;
    const a = inserted(db, msg(ALICE, 1000, 'a', { disappearing: timer, expiresAt: 61_000 }));
    const b = inserted(db, msg(ALICE, 2000, 'b', { disappearing: timer, expiresAt: 62_000 }));
    const c = inserted(db, msg(ALICE, 3000, 'c', { disappearing: { mode: 'after-read', seconds: 30 } }));
    inserted(db, msg(ALICE, 4000, 'never'));
    assert.equal(db.nextExpiry(), 61_000);
    assert.equal(db.setExpiresAt(c.id, 40_000).expiresAt, 40_000);
    assert.equal(db.nextExpiry(), 40_000);
    assert.deepEqual(db.dueToExpire(39_999), []);
    assert.deepEqual(db.dueToExpire(61_000).map((m) => m.text), ['c', 'a']);
    assert.equal(db.deleteMessage(c.id), true);
    assert.equal(db.deleteMessage(c.id), false);
    assert.equal(db.setExpiresAt(a.id, null).expiresAt, null);
    assert.equal(db.nextExpiry(), 62_000);
    assert.deepEqual(db.dueToExpire(100_000).map((m) => m.id), [b.id]);
    throwsHush(() => db.setExpiresAt(c.id, 1), 'HUSH_ERR_NOT_FOUND', ['id']);
    db.close();
  });

  test('deleting a conversation deletes its messages; a failed transaction leaves nothing', () => {
    const db = open();
    db.ensureConversation(ALICE, 'accepted', 1);
    const m = inserted(db, msg(ALICE, 10, 'x'));
    assert.throws(
      () =>
        db.transaction(() => {
          inserted(db, msg(ALICE, 20, 'y'));
          throw new Error('pipeline failed half-way');
        }),
      /half-way/,
    );
    assert.equal(db.findMessage(ALICE, 20), null);
    db.deleteConversation(ALICE);
    assert.equal(db.getConversation(ALICE), null);
    assert.equal(db.getMessage(m.id), null);
    db.ensureConversation(ALICE, 'request', 30);
    assert.equal(db.insertMessage(msg(ALICE, 10, 'x again'))?.text, 'x again', 'the identity is free again');
    db.close();
  });
});
