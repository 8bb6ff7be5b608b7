/** A message request: accept (they learn it, we can reply) or decline (their messages are dropped). */
import { useState } from 'react';
import { conversationPath } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { Conversation, ConversationAnswer } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { navigate } from '../../state/use-route.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';

export interface RequestBannerProps {
  readonly id: string;
  readonly title: string;
  readonly onConversation: (conversation: Conversation) => void;
}

export function RequestBanner({ id, title, onConversation }: RequestBannerProps) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const answer = (action: 'accept' | 'decline'): void => {
    setBusy(true);
    setError(null);
    api.post<ConversationAnswer>(conversationPath(id, `/${action}`)).then(
      (a) => {
        if (a.conversation !== null) onConversation(a.conversation);
        if (action === 'decline') navigate({ name: 'home' });
        setBusy(false);
      },
      (err: unknown) => {
        setError(asApiError(err));
        setBusy(false);
      },
    );
  };
  return (
    <div className="request-banner" role="region" aria-label="Message request">
      <p>
        <strong>{title}</strong> wants to message you. Accept to reply; they will see your display name. Decline to drop their messages.
      </p>
      {error !== null && <ErrorNotice error={error} />}
      <div className="row">
        <button type="button" className="button primary" disabled={busy} onClick={() => answer('accept')}>
          Accept
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => answer('decline')}>
          Decline
        </button>
      </div>
    </div>
  );
}
