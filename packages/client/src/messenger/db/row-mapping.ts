/**
 * Rows read back from disk → the public types of messenger-types.ts (fresh plain objects). Every
 * column is checked by row-fields.ts; the SELECTs that feed these functions live in the query files
 * and name their columns as below.
 */
import type { ChatMessage, Contact, Conversation, ConversationState, DisappearingSetting } from '../messenger-types.ts';
import { DELIVERY_STATES, DISAPPEARING_MODES } from './db-arguments.ts';
import { damagedColumn } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import { rowFields } from './row-fields.ts';
import type { RowFields } from './row-fields.ts';

export const CONVERSATION_STATES: readonly ConversationState[] = ['accepted', 'request', 'declined'];
const DIRECTIONS: readonly ('in' | 'out')[] = ['in', 'out'];

/** Reads `disappearing_mode` / `disappearing_seconds` ('off' ⇔ 0 seconds). */
function disappearing(f: RowFields, file: string, table: string): DisappearingSetting {
  const mode = f.oneOf('disappearing_mode', DISAPPEARING_MODES);
  const seconds = f.int('disappearing_seconds', L.maxDisappearingSeconds);
  if ((mode === 'off') !== (seconds === 0)) {
    throw damagedColumn(file, table, 'disappearing_seconds', `${seconds} does not fit mode ${mode}`);
  }
  return { mode, seconds };
}

/** Columns: conversations.* + `name` (profiles.name) + `unread` + `last_text`. */
export function rowToConversation(row: unknown, file: string): Conversation {
  const f = rowFields(row, file, 'conversations');
  return {
    id: f.sessionId('id'),
    state: f.oneOf('state', CONVERSATION_STATES),
    displayName: rowFields(row, file, 'profiles').textOrNull('name', L.maxNameBytes),
    approvedMe: f.bool('approved_me'),
    unread: f.int('unread'),
    disappearing: disappearing(f, file, 'conversations'),
    lastActivityAt: f.int('last_activity_at'),
    lastText: f.textOrNull('last_text', L.lastTextChars * 4),
  };
}

/** Columns: conversations.id, state, approved_me + `name` (profiles.name). */
export function rowToContact(row: unknown, file: string): Contact {
  const f = rowFields(row, file, 'conversations');
  return {
    sessionId: f.sessionId('id'),
    displayName: rowFields(row, file, 'profiles').textOrNull('name', L.maxNameBytes),
    state: f.oneOf('state', CONVERSATION_STATES),
    approvedMe: f.bool('approved_me'),
  };
}

/** Columns: messages.* */
export function rowToMessage(row: unknown, file: string): ChatMessage {
  const f = rowFields(row, file, 'messages');
  const storedOn = f.int('stored_on', L.maxSwarmSize);
  const swarmSize = f.int('swarm_size', L.maxSwarmSize);
  if (storedOn > swarmSize) throw damagedColumn(file, 'messages', 'stored_on', `${storedOn} > swarm_size ${swarmSize}`);
  return {
    id: f.int('id'),
    conversationId: f.sessionId('conversation_id'),
    direction: f.oneOf('direction', DIRECTIONS),
    author: f.sessionId('author'),
    sentAt: f.int('sent_at'),
    receivedAt: f.int('received_at'),
    text: f.text('text', L.maxTextBytes),
    delivery: f.oneOf('delivery', DELIVERY_STATES),
    storedOn,
    swarmSize,
    error: f.textOrNull('error', L.maxErrorChars * 4),
    readAt: f.intOrNull('read_at'),
    disappearing: disappearing(f, file, 'messages'),
    expiresAt: f.intOrNull('expires_at'),
  };
}

/** Columns: hash_theirs, hash_ours. */
export function rowToHashes(row: unknown, file: string): { theirs: string | null; ours: string | null } {
  const f = rowFields(row, file, 'messages');
  return { theirs: f.textOrNull('hash_theirs', L.maxHashChars), ours: f.textOrNull('hash_ours', L.maxHashChars) };
}
