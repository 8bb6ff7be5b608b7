/**
 * What changes on a stored message after it is stored: delivery outcome, read state (ours and
 * theirs) and the disappearing timer, plus the expiry queries the timer loop runs on.
 */
import type { ChatMessage } from '../messenger-types.ts';
import { checkCount, checkErrorText, checkId, checkOneOf, checkSessionId, checkTime, checkTimeOrNull, DELIVERY_STATES } from './db-arguments.ts';
import { badArgument, notFound } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, DeliveryUpdate, MessengerDb } from './messenger-db-types.ts';
import { rowToMessage } from './row-mapping.ts';
import { rowFields } from './row-fields.ts';

type MessageStateQueries = Pick<
  MessengerDb,
  'updateDelivery' | 'markIncomingRead' | 'markOutgoingRead' | 'setExpiresAt' | 'dueToExpire' | 'nextExpiry'
>;

function prepare(ctx: DbContext) {
  const { db } = ctx;
  return {
    delivery: db.prepare('UPDATE messages SET delivery = ?, stored_on = ?, swarm_size = ?, error = ? WHERE id = ? RETURNING *'),
    readIncoming: db.prepare(
      "UPDATE messages SET read_at = ? WHERE conversation_id = ? AND direction = 'in' AND read_at IS NULL RETURNING *",
    ),
    readOutgoing: db.prepare(
      "UPDATE messages SET read_at = ? WHERE conversation_id = ? AND sent_at = ? AND direction = 'out' AND read_at IS NULL RETURNING *",
    ),
    expiresAt: db.prepare('UPDATE messages SET expires_at = ? WHERE id = ? RETURNING *'),
    due: db.prepare(
      `SELECT * FROM messages WHERE expires_at IS NOT NULL AND expires_at <= ? ORDER BY expires_at, id LIMIT ${L.maxDueBatch}`,
    ),
    next: db.prepare('SELECT min(expires_at) AS expires_at FROM messages WHERE expires_at IS NOT NULL'),
  };
}

type Statements = ReturnType<typeof prepare>;

function bySentTime(a: ChatMessage, b: ChatMessage): number {
  return a.sentAt - b.sentAt || a.id - b.id;
}

function checkDeliveryUpdate(u: unknown): DeliveryUpdate {
  if (typeof u !== 'object' || u === null) throw badArgument('update', 'expected { delivery, storedOn, swarmSize, error }');
  const r = u as Record<string, unknown>;
  const swarmSize = checkCount(r['swarmSize'], 'swarmSize', L.maxSwarmSize);
  return {
    delivery: checkOneOf(r['delivery'], DELIVERY_STATES, 'delivery'),
    storedOn: checkCount(r['storedOn'], 'storedOn', swarmSize),
    swarmSize,
    error: checkErrorText(r['error'], 'error'),
  };
}

function checkSentAts(value: unknown): number[] {
  if (!Array.isArray(value) || value.length > L.maxReceiptTimestamps) {
    throw badArgument('sentAts', `expected an array of at most ${L.maxReceiptTimestamps} timestamps`);
  }
  return [...new Set(value.map((t, i) => checkTime(t, `sentAts[${i}]`)))];
}

function markOutgoing(st: Statements, ctx: DbContext, conversationId: string, sentAts: unknown, readAt: number): ChatMessage[] {
  const id = checkSessionId(conversationId, 'conversationId');
  const times = checkSentAts(sentAts);
  const at = checkTime(readAt, 'readAt');
  return ctx.db.transaction(() =>
    times.flatMap((t) => st.readOutgoing.all(at, id, t).map((row) => rowToMessage(row, ctx.file))),
  )().sort(bySentTime);
}

export function createMessageStateQueries(ctx: DbContext): MessageStateQueries {
  const st = prepare(ctx);
  const updated = (row: unknown, id: number): ChatMessage => {
    if (row === undefined) throw notFound('id', 'message', id);
    return rowToMessage(row, ctx.file);
  };
  return {
    updateDelivery: (id, u) => {
      const d = checkDeliveryUpdate(u);
      return updated(st.delivery.get(d.delivery, d.storedOn, d.swarmSize, d.error, checkId(id, 'id')), id);
    },
    markIncomingRead: (conversationId, readAt) => {
      const at = checkTime(readAt, 'readAt');
      const id = checkSessionId(conversationId, 'conversationId');
      const read = ctx.db.transaction(() => st.readIncoming.all(at, id).map((row) => rowToMessage(row, ctx.file)));
      return read().sort(bySentTime);
    },
    markOutgoingRead: (conversationId, sentAts, readAt) => markOutgoing(st, ctx, conversationId, sentAts, readAt),
    setExpiresAt: (id, expiresAt) => updated(st.expiresAt.get(checkTimeOrNull(expiresAt, 'expiresAt'), checkId(id, 'id')), id),
    dueToExpire: (now) => st.due.all(checkTime(now, 'now')).map((row) => rowToMessage(row, ctx.file)),
    nextExpiry: () => rowFields(st.next.get(), ctx.file, 'messages').intOrNull('expires_at'),
  };
}
