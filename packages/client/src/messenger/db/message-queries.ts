/**
 * Messages: insert (de-duplicated by author + sent time), look-ups, pages, deletes and the swarm
 * hashes kept for unsend. A conversation's lastActivityAt follows the newest sent time inserted.
 */
import type { ChatMessage } from '../messenger-types.ts';
import { checkId, checkSessionId, checkTime } from './db-arguments.ts';
import { badArgument, notFound } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, ListMessagesOptions, MessageHashes, MessengerDb, NewMessage } from './messenger-db-types.ts';
import { checkHashes, checkNewMessage } from './new-message.ts';
import { rowToHashes, rowToMessage } from './row-mapping.ts';

type MessageQueries = Pick<
  MessengerDb,
  'insertMessage' | 'getMessage' | 'findMessage' | 'messageHashes' | 'setMessageHashes' | 'deleteMessage' | 'listMessages'
>;

function prepare(ctx: DbContext) {
  const { db } = ctx;
  return {
    conversationExists: db.prepare('SELECT 1 FROM conversations WHERE id = ?').pluck(),
    insert: db.prepare(
      `INSERT INTO messages (conversation_id, direction, author, sent_at, received_at, text, delivery, stored_on, swarm_size,
         error, read_at, disappearing_mode, disappearing_seconds, expires_at, hash_theirs, hash_ours)
       VALUES (@conversationId, @direction, @author, @sentAt, @receivedAt, @text, @delivery, @storedOn, @swarmSize,
         @error, @readAt, @disappearingMode, @disappearingSeconds, @expiresAt, @hashTheirs, @hashOurs)
       ON CONFLICT (author, sent_at) DO NOTHING RETURNING *`,
    ),
    touch: db.prepare('UPDATE conversations SET last_activity_at = max(last_activity_at, ?) WHERE id = ?'),
    get: db.prepare('SELECT * FROM messages WHERE id = ?'),
    find: db.prepare('SELECT * FROM messages WHERE author = ? AND sent_at = ?'),
    hashes: db.prepare('SELECT hash_theirs, hash_ours FROM messages WHERE id = ?'),
    setHashes: db.prepare(
      'UPDATE messages SET hash_theirs = coalesce(?, hash_theirs), hash_ours = coalesce(?, hash_ours) WHERE id = ?',
    ),
    remove: db.prepare('DELETE FROM messages WHERE id = ?'),
    cursor: db.prepare('SELECT sent_at FROM messages WHERE id = ? AND conversation_id = ?').pluck(),
    latest: db.prepare(
      'SELECT * FROM messages WHERE conversation_id = ? ORDER BY sent_at DESC, id DESC LIMIT ?',
    ),
    before: db.prepare(
      'SELECT * FROM messages WHERE conversation_id = ? AND (sent_at, id) < (?, ?) ORDER BY sent_at DESC, id DESC LIMIT ?',
    ),
  };
}

type Statements = ReturnType<typeof prepare>;

function checkLimit(value: unknown): number {
  if (value === undefined) return L.defaultListLimit;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1 || value > L.maxListLimit) {
    throw badArgument('limit', `expected an integer in 1..${L.maxListLimit}`);
  }
  return value;
}

function listPage(st: Statements, ctx: DbContext, conversationId: string, o: ListMessagesOptions): ChatMessage[] {
  const id = checkSessionId(conversationId, 'conversationId');
  const limit = checkLimit(o.limit);
  let rows: unknown[];
  if (o.before === undefined) {
    rows = st.latest.all(id, limit);
  } else {
    const before = checkId(o.before, 'before');
    const sentAt: unknown = st.cursor.get(before, id);
    if (sentAt === undefined) throw notFound('before', 'message in this conversation with id', before);
    rows = st.before.all(id, sentAt, before, limit);
  }
  return rows.map((row) => rowToMessage(row, ctx.file)).reverse();
}

function insert(st: Statements, ctx: DbContext, input: NewMessage): ChatMessage | null {
  const m = checkNewMessage(input, ctx.self);
  return ctx.db.transaction(() => {
    if (st.conversationExists.get(m.conversationId) === undefined) {
      throw badArgument('conversationId', `no conversation ${m.conversationId}: create it first (ensureConversation)`);
    }
    const row: unknown = st.insert.get(m);
    if (row === undefined) return null;
    st.touch.run(m.sentAt, m.conversationId);
    return rowToMessage(row, ctx.file);
  })();
}

function setHashes(st: Statements, id: number, hashes: MessageHashes): void {
  const { theirs, ours } = checkHashes(hashes, 'hashes');
  if (st.setHashes.run(theirs, ours, checkId(id, 'id')).changes === 0) throw notFound('id', 'message', id);
}

export function createMessageQueries(ctx: DbContext): MessageQueries {
  const st = prepare(ctx);
  const one = (row: unknown): ChatMessage | null => (row === undefined ? null : rowToMessage(row, ctx.file));
  return {
    insertMessage: (m) => insert(st, ctx, m),
    getMessage: (id) => one(st.get.get(checkId(id, 'id'))),
    findMessage: (author, sentAt) => one(st.find.get(checkSessionId(author, 'author'), checkTime(sentAt, 'sentAt'))),
    messageHashes: (id) => {
      const row: unknown = st.hashes.get(checkId(id, 'id'));
      if (row === undefined) throw notFound('id', 'message', id);
      return rowToHashes(row, ctx.file);
    },
    setMessageHashes: (id, hashes) => setHashes(st, id, hashes),
    deleteMessage: (id) => st.remove.run(checkId(id, 'id')).changes === 1,
    listMessages: (conversationId, options = {}) => listPage(st, ctx, conversationId, options),
  };
}
