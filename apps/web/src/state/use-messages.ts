/**
 * One conversation's messages: the newest page from the API (again after every reconnection),
 * older pages on request, live `message` / `message-updated` / `message-removed` events, and
 * sending (shown at once as pending, replaced by the daemon's message when it answers), and deleting
 * our own messages for everyone. Texts the
 * daemon refused are kept in this tab's storage until sent or discarded, so a reload keeps them.
 * Meant for a component keyed by the conversation id (a new conversation starts from scratch).
 */
import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import { conversationPath } from '../api/api-client.ts';
import type { ApiError } from '../api/api-error.ts';
import { asApiError } from '../api/api-error.ts';
import type { ChatMessage, MessagesPage } from '../api/types.ts';
import { useApi, useDaemonEvent } from './daemon-context.ts';
import { EMPTY_LIST, messageListReducer } from './message-list.ts';
import type { MessageListState, PendingMessage } from './message-list.ts';

const unsentKey = (conversationId: string): string => `hush.unsent.${conversationId}`;

/** Refused texts kept from before a reload (whatever is unreadable is dropped). */
function storedUnsent(conversationId: string): MessageListState {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(unsentKey(conversationId)) ?? '[]');
    const texts = Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
    return { ...EMPTY_LIST, pending: texts.map((text, i) => ({ key: `u${i}`, text, error: 'not sent before the page was reloaded' })) };
  } catch {
    return EMPTY_LIST;
  }
}

function storeUnsent(conversationId: string, pending: readonly PendingMessage[]): void {
  const texts = pending.filter((p) => p.error !== null).map((p) => p.text);
  if (texts.length === 0) sessionStorage.removeItem(unsentKey(conversationId));
  else sessionStorage.setItem(unsentKey(conversationId), JSON.stringify(texts));
}

export interface MessagesHook extends MessageListState {
  readonly error: ApiError | null;
  readonly send: (text: string) => void;
  readonly retry: (messageId: number) => Promise<void>;
  /** Deletes one of our messages for everyone; resolves once it is gone here (rejects with an ApiError). */
  readonly unsend: (messageId: number) => Promise<void>;
  readonly resendPending: (key: string) => void;
  readonly discardPending: (key: string) => void;
  readonly loadOlder: () => Promise<void>;
}

export function useMessages(conversationId: string): MessagesHook {
  const api = useApi();
  const [state, dispatch] = useReducer(messageListReducer, conversationId, storedUnsent);
  const [error, setError] = useState<ApiError | null>(null);
  const counter = useRef(0);
  const path = conversationPath(conversationId, '/messages');

  const reload = useCallback(() => {
    api.get<MessagesPage>(path).then(
      (page) => {
        dispatch({ type: 'newest', page: page.messages, hasMore: page.hasMore });
        setError(null);
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [api, path]);
  useEffect(reload, [reload]);
  useEffect(() => storeUnsent(conversationId, state.pending), [conversationId, state.pending]);

  useDaemonEvent((event) => {
    if (event.type === 'hello') reload();
    else if ((event.type === 'message' || event.type === 'message-updated') && event.data.conversationId === conversationId) dispatch({ type: 'message', message: event.data });
    else if (event.type === 'message-removed' && event.data.conversationId === conversationId) dispatch({ type: 'removed', id: event.data.id });
  });

  const post = useCallback(
    (key: string, text: string) => {
      api.post<ChatMessage>(path, { text }).then(
        (message) => {
          dispatch({ type: 'pending-done', key });
          dispatch({ type: 'message', message });
        },
        (err: unknown) => dispatch({ type: 'pending-failed', key, error: asApiError(err).message }),
      );
    },
    [api, path],
  );
  const send = useCallback(
    (text: string) => {
      const entry = { key: `p${++counter.current}`, text: text.trim(), error: null };
      dispatch({ type: 'pending', entry });
      post(entry.key, entry.text);
    },
    [post],
  );
  const resendPending = useCallback(
    (key: string) => {
      const entry = state.pending.find((p) => p.key === key);
      if (entry === undefined) return;
      dispatch({ type: 'pending-retry', key });
      post(key, entry.text);
    },
    [post, state.pending],
  );
  const discardPending = useCallback((key: string) => dispatch({ type: 'pending-done', key }), []);
  const retry = useCallback(
    async (messageId: number) => dispatch({ type: 'message', message: await api.post<ChatMessage>(`/api/messages/${messageId}/retry`) }),
    [api],
  );
  const unsend = useCallback(
    async (messageId: number) => {
      try {
        await api.del<unknown>(`/api/messages/${messageId}`);
      } catch (err: unknown) {
        // Already gone (deleted from another device, or it disappeared): what was asked for.
        if (asApiError(err).code !== 'HUSH_ERR_NOT_FOUND') throw err;
      }
      dispatch({ type: 'removed', id: messageId });
    },
    [api],
  );
  const loadOlder = useCallback(async () => {
    const oldest = state.messages[0];
    if (oldest === undefined) return;
    const page = await api.get<MessagesPage>(`${path}?before=${oldest.id}`);
    dispatch({ type: 'older', page: page.messages, hasMore: page.hasMore });
  }, [api, path, state.messages]);

  return { ...state, error, send, retry, unsend, resendPending, discardPending, loadOlder };
}
