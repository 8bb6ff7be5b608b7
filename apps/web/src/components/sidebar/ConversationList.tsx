/** Accepted conversations, newest activity first; an invitation to start one when there are none. */
import type { Conversation } from '../../api/types.ts';
import { useNow } from '../../state/use-now.ts';
import { ConversationItem } from './ConversationItem.tsx';

export interface ConversationListProps {
  readonly conversations: readonly Conversation[];
  readonly activeId: string | null;
  readonly ownId: string;
  readonly loaded: boolean;
  /** Message requests are listed above: the empty list then says so. */
  readonly hasRequests: boolean;
}

export function ConversationList({ conversations, activeId, ownId, loaded, hasRequests }: ConversationListProps) {
  const now = useNow(60_000);
  if (loaded && conversations.length === 0) {
    return (
      <div className="list-empty">
        <p>{hasRequests ? 'No conversations yet: accept a request above, or start one.' : 'No conversations yet.'}</p>
        <a className="button primary" href="#/new">
          Start a conversation
        </a>
      </div>
    );
  }
  return (
    <section aria-labelledby="conversations-heading">
      <h2 id="conversations-heading" className="list-heading">
        Conversations
      </h2>
      <ul className="conversation-list">
        {conversations.map((c) => (
          <ConversationItem key={c.id} conversation={c} active={c.id === activeId} ownId={ownId} now={now} />
        ))}
      </ul>
    </section>
  );
}
