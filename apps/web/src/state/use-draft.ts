/** The message being typed in a conversation, kept in this tab's storage so a reload keeps it. */
import { useCallback, useState } from 'react';

const key = (conversationId: string): string => `hush.draft.${conversationId}`;

export function useDraft(conversationId: string): [string, (text: string) => void] {
  const [draft, setDraftState] = useState(() => sessionStorage.getItem(key(conversationId)) ?? '');
  const setDraft = useCallback(
    (text: string) => {
      setDraftState(text);
      if (text === '') sessionStorage.removeItem(key(conversationId));
      else sessionStorage.setItem(key(conversationId), text);
    },
    [conversationId],
  );
  return [draft, setDraft];
}
