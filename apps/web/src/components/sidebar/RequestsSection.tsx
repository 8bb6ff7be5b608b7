/** Message requests: people who wrote first. Shown above the conversations until answered. */
import { useState } from 'react';
import type { Conversation } from '../../api/types.ts';
import { useNow } from '../../state/use-now.ts';
import { Icon } from '../common/Icon.tsx';
import { ConversationItem } from './ConversationItem.tsx';

export interface RequestsSectionProps {
  readonly requests: readonly Conversation[];
  readonly activeId: string | null;
  readonly ownId: string;
}

export function RequestsSection({ requests, activeId, ownId }: RequestsSectionProps) {
  const [open, setOpen] = useState(true);
  const now = useNow(60_000);
  if (requests.length === 0) return null;
  return (
    <section className="requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading" className="list-heading">
        <button type="button" className="requests-toggle" aria-expanded={open} aria-controls="requests-list" onClick={() => setOpen(!open)}>
          <Icon name="inbox" /> Message requests <span className="badge">{requests.length}</span>
        </button>
      </h2>
      {open && (
        <ul id="requests-list" className="conversation-list">
          {requests.map((c) => (
            <ConversationItem key={c.id} conversation={c} active={c.id === activeId} ownId={ownId} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
}
