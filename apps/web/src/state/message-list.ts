/**
 * A conversation's messages as the app keeps them: by local id, shown in sent order, plus the
 * messages still being posted (not yet known to the daemon). A pure reducer over plain data.
 */
import type { ChatMessage } from '../api/types.ts';

/** A message typed here whose POST has not answered yet (or failed before the daemon took it). */
export interface PendingMessage {
  readonly key: string;
  readonly text: string;
  /** Set when the POST failed: the daemon never took this message. */
  readonly error: string | null;
}

export interface MessageListState {
  readonly messages: readonly ChatMessage[];
  readonly pending: readonly PendingMessage[];
  /** Older messages exist beyond the first one shown. */
  readonly hasMore: boolean;
  readonly loaded: boolean;
}

export type MessageListAction =
  /** The newest page, loaded (again): replaces everything from its oldest message on. */
  | { readonly type: 'newest'; readonly page: readonly ChatMessage[]; readonly hasMore: boolean }
  | { readonly type: 'older'; readonly page: readonly ChatMessage[]; readonly hasMore: boolean }
  /** A message from the daemon (an event or an answer): added or updated. */
  | { readonly type: 'message'; readonly message: ChatMessage }
  | { readonly type: 'removed'; readonly id: number }
  | { readonly type: 'pending'; readonly entry: PendingMessage }
  | { readonly type: 'pending-failed'; readonly key: string; readonly error: string }
  | { readonly type: 'pending-retry'; readonly key: string }
  | { readonly type: 'pending-done'; readonly key: string };

export const EMPTY_LIST: MessageListState = { messages: [], pending: [], hasMore: false, loaded: false };

const bySentOrder = (a: ChatMessage, b: ChatMessage): number => a.sentAt - b.sentAt || a.id - b.id;

export function upsertMessages(list: readonly ChatMessage[], incoming: readonly ChatMessage[]): ChatMessage[] {
  const byId = new Map(list.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort(bySentOrder);
}

/** The newest page replaces what it covers (so messages removed meanwhile go); older pages stay. */
export function mergeNewestPage(list: readonly ChatMessage[], page: readonly ChatMessage[], hasMore: boolean): ChatMessage[] {
  const oldest = page[0];
  if (oldest === undefined || !hasMore) return [...page].sort(bySentOrder);
  return upsertMessages(list.filter((m) => bySentOrder(m, oldest) < 0), page);
}

/**
 * Drops the pending entry a daemon message stands for: the oldest one with the same text, when the
 * message is ours and new to the list (so two identical texts sent quickly each match once).
 */
export function settlePending(pending: readonly PendingMessage[], known: readonly ChatMessage[], m: ChatMessage): readonly PendingMessage[] {
  if (m.direction !== 'out' || known.some((k) => k.id === m.id)) return pending;
  const index = pending.findIndex((p) => p.text === m.text && p.error === null);
  return index === -1 ? pending : pending.filter((_, i) => i !== index);
}

function mapPending(s: MessageListState, key: string, error: string | null): MessageListState {
  return { ...s, pending: s.pending.map((p) => (p.key === key ? { ...p, error } : p)) };
}

export function messageListReducer(s: MessageListState, a: MessageListAction): MessageListState {
  switch (a.type) {
    case 'newest':
      return { ...s, messages: mergeNewestPage(s.messages, a.page, a.hasMore), hasMore: s.loaded ? s.hasMore : a.hasMore, loaded: true };
    case 'older':
      return { ...s, messages: upsertMessages(s.messages, a.page), hasMore: a.hasMore };
    case 'message':
      return { ...s, pending: settlePending(s.pending, s.messages, a.message), messages: upsertMessages(s.messages, [a.message]) };
    case 'removed':
      return { ...s, messages: s.messages.filter((m) => m.id !== a.id) };
    case 'pending':
      return { ...s, pending: [...s.pending, a.entry] };
    case 'pending-failed':
      return mapPending(s, a.key, a.error);
    case 'pending-retry':
      return mapPending(s, a.key, null);
    case 'pending-done':
      return { ...s, pending: s.pending.filter((p) => p.key !== a.key) };
  }
}
