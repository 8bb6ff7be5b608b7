/**
 * The conversation list and the message requests: loaded from the API (again on every `hello`,
 * i.e. after any reconnection), then kept current by `conversation` events.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { asApiError } from '../api/api-error.ts';
import type { Conversation, ConversationLists } from '../api/types.ts';
import { useApi, useDaemonEvent } from './daemon-context.ts';

export interface ConversationsHook {
  readonly conversations: readonly Conversation[];
  readonly requests: readonly Conversation[];
  readonly loaded: boolean;
  readonly error: ApiError | null;
  /** Puts a conversation an action answered with into the lists. */
  readonly upsert: (conversation: Conversation) => void;
  readonly reload: () => void;
}

const newestFirst = (a: Conversation, b: Conversation): number => b.lastActivityAt - a.lastActivityAt;

function place(lists: ConversationLists, c: Conversation): ConversationLists {
  const without = (list: Conversation[]): Conversation[] => list.filter((x) => x.id !== c.id);
  const conversations = without(lists.conversations);
  const requests = without(lists.requests);
  if (c.state === 'accepted') conversations.push(c);
  if (c.state === 'request') requests.push(c);
  return { conversations: conversations.sort(newestFirst), requests: requests.sort(newestFirst) };
}

export function useConversations(ready: boolean): ConversationsHook {
  const api = useApi();
  const [lists, setLists] = useState<ConversationLists>({ conversations: [], requests: [] });
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(() => {
    if (!ready) return;
    api.get<ConversationLists>('/api/conversations').then(
      (l) => {
        setLists(l);
        setLoaded(true);
        setError(null);
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [api, ready]);
  useEffect(reload, [reload]);
  useDaemonEvent((event) => {
    if (event.type === 'conversation') setLists((l) => place(l, event.data));
    if (event.type === 'hello') reload();
  });
  const upsert = useCallback((c: Conversation) => setLists((l) => place(l, c)), []);
  return { conversations: lists.conversations, requests: lists.requests, loaded, error, upsert, reload };
}
