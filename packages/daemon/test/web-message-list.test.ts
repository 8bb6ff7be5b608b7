/**
 * The web app's message list (apps/web/src/state/message-list.ts, pure): what the chat shows while
 * messages are sent, arrive, change and go — no duplicate bubble for a message being sent, nothing
 * stale after a reconnection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatMessage } from '@hush/client';
import { EMPTY_LIST, messageListReducer, type MessageListAction, type MessageListState } from '../../../apps/web/src/state/message-list.ts';

const ME = `05${'1'.repeat(64)}`;
const THEM = `05${'2'.repeat(64)}`;

function message(id: number, text: string, o: Partial<ChatMessage> = {}): ChatMessage {
  return {
    id, conversationId: THEM, direction: 'out', author: ME, sentAt: 1000 * id, receivedAt: 1000 * id, text, delivery: 'sending', storedOn: 0, swarmSize: 0,
    error: null, readAt: null, disappearing: { mode: 'off', seconds: 0 }, expiresAt: null, ...o,
  };
}

const run = (actions: MessageListAction[], from: MessageListState = EMPTY_LIST): MessageListState => actions.reduce(messageListReducer, from);
const shown = (s: MessageListState): string[] => [...s.messages.map((m) => `${m.text}:${m.delivery}`), ...s.pending.map((p) => `${p.text}:pending${p.error === null ? '' : '-failed'}`)];

test('a message being sent shows once: pending, then the daemon\'s copy as it is sending and stored', () => {
  const typed = run([{ type: 'newest', page: [], hasMore: false }, { type: 'pending', entry: { key: 'p1', text: 'hi', error: null } }]);
  assert.deepEqual(shown(typed), ['hi:pending']);
  const sending = run([{ type: 'message', message: message(1, 'hi') }], typed);
  assert.deepEqual(shown(sending), ['hi:sending']);
  const stored = run([{ type: 'pending-done', key: 'p1' }, { type: 'message', message: message(1, 'hi', { delivery: 'stored', storedOn: 6, swarmSize: 6 }) }], sending);
  assert.deepEqual(shown(stored), ['hi:stored']);
});

test('two identical texts sent quickly each keep their own bubble', () => {
  const s = run([
    { type: 'pending', entry: { key: 'p1', text: 'ok', error: null } },
    { type: 'pending', entry: { key: 'p2', text: 'ok', error: null } },
    { type: 'message', message: message(1, 'ok') },
  ]);
  assert.deepEqual(shown(s), ['ok:sending', 'ok:pending']);
});

test('a refused send stays visible as failed until retried or discarded; an incoming message never settles it', () => {
  const failed = run([{ type: 'pending', entry: { key: 'p1', text: 'x', error: null } }, { type: 'pending-failed', key: 'p1', error: 'not connected' }]);
  const afterIncoming = run([{ type: 'message', message: message(2, 'x', { direction: 'in', author: THEM, delivery: 'stored' }) }], failed);
  assert.deepEqual(shown(afterIncoming), ['x:stored', 'x:pending-failed']);
  assert.deepEqual(shown(run([{ type: 'pending-done', key: 'p1' }], afterIncoming)), ['x:stored']);
});

test('after a reconnection the newest page replaces what it covers: a message that disappeared meanwhile goes, older pages stay', () => {
  const loaded = run([
    { type: 'newest', page: [message(3, 'c'), message(4, 'd')], hasMore: true },
    { type: 'older', page: [message(1, 'a'), message(2, 'b')], hasMore: false },
  ]);
  assert.deepEqual(loaded.messages.map((m) => m.text), ['a', 'b', 'c', 'd']);
  const again = run([{ type: 'newest', page: [message(3, 'c'), message(5, 'e')], hasMore: true }], loaded);
  assert.deepEqual(again.messages.map((m) => m.text), ['a', 'b', 'c', 'e']);
  assert.equal(again.hasMore, false, 'what is known about older pages is kept');
});

test('messages are shown in sent order whatever order they arrive in', () => {
  const s = run([{ type: 'message', message: message(7, 'late', { sentAt: 500 }) }, { type: 'message', message: message(2, 'early', { sentAt: 100 }) }, { type: 'removed', id: 99 }]);
  assert.deepEqual(s.messages.map((m) => m.text), ['early', 'late']);
});
