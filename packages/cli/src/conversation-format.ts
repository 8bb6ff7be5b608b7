/** How `hush chats`, `hush requests` and `hush contacts` print their lists (tables, or JSON objects). */
import type { Contact, Conversation } from '@hush/client';
import { gridTable } from './grid-table.ts';
import { NAME_CHARS, PREVIEW_CHARS } from './limits.ts';
import { dateTime } from './message-format.ts';
import { clip, terminalText } from './terminal-text.ts';

const name = (n: string | null): string => (n === null ? '' : clip(terminalText(n), NAME_CHARS));
const preview = (t: string | null): string => (t === null ? '' : clip(terminalText(t), PREVIEW_CHARS));

export function conversationJson(c: Conversation): Record<string, unknown> {
  return {
    id: c.id,
    name: c.displayName,
    state: c.state,
    unread: c.unread,
    approved_me: c.approvedMe,
    last_activity: c.lastActivityAt,
    last_text: c.lastText,
  };
}

/** Conversations (newest first, as the client lists them) with unread counts and the last message. */
export function conversationsTable(list: readonly Conversation[]): string {
  const rows = list.map((c) => [c.id, name(c.displayName), c.unread === 0 ? '' : String(c.unread), dateTime(c.lastActivityAt), preview(c.lastText)]);
  return gridTable(['session id', 'name', 'unread', 'last', 'message'], rows);
}

export function contactJson(c: Contact): Record<string, unknown> {
  return { id: c.sessionId, name: c.displayName, state: c.state, approved_me: c.approvedMe };
}

export function contactsTable(list: readonly Contact[]): string {
  const state = (c: Contact): string => (c.state === 'request' ? 'request (not answered)' : c.state);
  const rows = list.map((c) => [c.sessionId, name(c.displayName), state(c), c.approvedMe ? 'yes' : 'no']);
  return gridTable(['session id', 'name', 'state', 'accepted you'], rows);
}
