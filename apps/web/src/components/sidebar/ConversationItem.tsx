/** One row of the list: avatar, name, when, the last message, unread count. */
import type { Conversation } from '../../api/types.ts';
import { formatListTime } from '../../util/format-time.ts';
import { conversationTitle } from '../../util/session-ids.ts';
import { Avatar } from '../common/Avatar.tsx';

export interface ConversationItemProps {
  readonly conversation: Conversation;
  readonly active: boolean;
  readonly ownId: string;
  readonly now: number;
}

export function ConversationItem({ conversation: c, active, ownId, now }: ConversationItemProps) {
  const title = conversationTitle(c, ownId);
  return (
    <li>
      <a className="conversation-item" href={`#/chat/${c.id}`} aria-current={active ? 'page' : undefined} data-unread={c.unread > 0}>
        <Avatar id={c.id} name={title} />
        <span className="conversation-main">
          <span className="conversation-top">
            <span className="conversation-name">{title}</span>
            <time className="conversation-time" dateTime={new Date(c.lastActivityAt).toISOString()}>
              {formatListTime(c.lastActivityAt, now)}
            </time>
          </span>
          <span className="conversation-bottom">
            <span className="conversation-preview">{c.lastText ?? 'No messages yet'}</span>
            {c.unread > 0 && (
              <span className="badge">
                {c.unread > 99 ? '99+' : c.unread}
                <span className="visually-hidden"> unread</span>
              </span>
            )}
          </span>
        </span>
      </a>
    </li>
  );
}
