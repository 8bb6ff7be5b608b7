/**
 * Conversations and contacts. `unread` and `lastText` are computed from messages when read (the
 * partial index messages_unread and messages_by_conversation make both index lookups), so they
 * can never drift from the messages themselves; `last_activity_at` is stored and only moves forward.
 */
import type { Contact, Conversation, ConversationState, DisappearingSetting } from '../messenger-types.ts';
import { checkBoolean, checkDisappearing, checkOneOf, checkSessionId, checkTime } from './db-arguments.ts';
import { notFound } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, MessengerDb } from './messenger-db-types.ts';
import { CONVERSATION_STATES, rowToContact, rowToConversation } from './row-mapping.ts';

type ConversationQueries = Pick<
  MessengerDb,
  | 'getConversation'
  | 'ensureConversation'
  | 'setConversationState'
  | 'setApprovedMe'
  | 'setConversationDisappearing'
  | 'listConversations'
  | 'deleteConversation'
  | 'listContacts'
>;

const CONVERSATION_SELECT = `
SELECT c.id, c.state, c.approved_me, c.disappearing_mode, c.disappearing_seconds, c.last_activity_at, p.name,
  (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.direction = 'in' AND m.read_at IS NULL) AS unread,
  (SELECT substr(m.text, 1, ${L.lastTextChars}) FROM messages m WHERE m.conversation_id = c.id
    ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_text
FROM conversations c LEFT JOIN profiles p ON p.session_id = c.id`;

function prepare(ctx: DbContext) {
  const { db } = ctx;
  return {
    get: db.prepare(`${CONVERSATION_SELECT} WHERE c.id = ?`),
    list: db.prepare(`${CONVERSATION_SELECT} WHERE c.state = ? ORDER BY c.last_activity_at DESC, c.id`),
    insert: db.prepare(
      'INSERT INTO conversations (id, state, created_at, last_activity_at) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO NOTHING',
    ),
    setState: db.prepare('UPDATE conversations SET state = ? WHERE id = ?'),
    setApproved: db.prepare('UPDATE conversations SET approved_me = ? WHERE id = ?'),
    setDisappearing: db.prepare('UPDATE conversations SET disappearing_mode = ?, disappearing_seconds = ? WHERE id = ?'),
    remove: db.prepare('DELETE FROM conversations WHERE id = ?'),
    contacts: db.prepare(
      `SELECT c.id, c.state, c.approved_me, p.name FROM conversations c LEFT JOIN profiles p ON p.session_id = c.id
       WHERE c.id <> ? ORDER BY p.name IS NULL, p.name COLLATE NOCASE, c.id`,
    ),
  };
}

export function createConversationQueries(ctx: DbContext): ConversationQueries {
  const st = prepare(ctx);
  const get = (id: string): Conversation | null => {
    const row: unknown = st.get.get(checkSessionId(id, 'id'));
    return row === undefined ? null : rowToConversation(row, ctx.file);
  };
  const mustGet = (id: string): Conversation => {
    const conversation = get(id);
    if (conversation === null) throw notFound('id', 'conversation', id);
    return conversation;
  };
  /** Runs an UPDATE whose last parameter is the id; HUSH_ERR_NOT_FOUND when no row matched. */
  const update = (id: string, run: (id: string) => number): Conversation => {
    const checked = checkSessionId(id, 'id');
    if (run(checked) === 0) throw notFound('id', 'conversation', checked);
    return mustGet(checked);
  };

  return {
    getConversation: get,
    ensureConversation: (id, state, at) =>
      ctx.db.transaction(() => {
        const info = st.insert.run(checkSessionId(id, 'id'), checkOneOf(state, CONVERSATION_STATES, 'state'), checkTime(at, 'at'), at);
        return { conversation: mustGet(id), created: info.changes === 1 };
      })(),
    setConversationState: (id, state: ConversationState) =>
      update(id, (i) => st.setState.run(checkOneOf(state, CONVERSATION_STATES, 'state'), i).changes),
    setApprovedMe: (id, approved) => update(id, (i) => st.setApproved.run(checkBoolean(approved, 'approved') ? 1 : 0, i).changes),
    setConversationDisappearing: (id, setting: DisappearingSetting) => {
      const s = checkDisappearing(setting, 'setting');
      return update(id, (i) => st.setDisappearing.run(s.mode, s.seconds, i).changes);
    },
    listConversations: (state) =>
      st.list.all(checkOneOf(state, CONVERSATION_STATES, 'state')).map((row) => rowToConversation(row, ctx.file)),
    deleteConversation: (id) => void st.remove.run(checkSessionId(id, 'id')),
    listContacts: (): Contact[] => st.contacts.all(ctx.self).map((row) => rowToContact(row, ctx.file)),
  };
}
