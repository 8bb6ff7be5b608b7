/** One message: its text, when it was sent, when it disappears, and (ours) how its delivery went. */
import type { ChatMessage } from '../../api/types.ts';
import { formatRemaining } from '../../util/format-duration.ts';
import { formatFull, formatTime } from '../../util/format-time.ts';
import { Icon } from '../common/Icon.tsx';
import { DeliveryStatus } from './DeliveryStatus.tsx';

export interface MessageBubbleProps {
  readonly message: ChatMessage;
  readonly now: number;
  readonly authorName: string;
  readonly onRetry: (messageId: number) => Promise<void>;
}

export function MessageBubble({ message: m, now, authorName, onRetry }: MessageBubbleProps) {
  return (
    <article className="message" data-direction={m.direction} data-delivery={m.delivery} data-message-id={m.id}>
      <div className="bubble">
        <span className="visually-hidden">{authorName}: </span>
        <p className="message-text">{m.text}</p>
        <footer className="message-meta">
          {m.expiresAt !== null && (
            <span className="expiry" title={`Disappears at ${formatFull(m.expiresAt)}`}>
              <Icon name="timer" size={12} /> {formatRemaining(m.expiresAt - now)}
              <span className="visually-hidden"> left</span>
            </span>
          )}
          <time dateTime={new Date(m.sentAt).toISOString()} title={formatFull(m.sentAt)}>
            {formatTime(m.sentAt)}
          </time>
        </footer>
      </div>
      {m.direction === 'out' && <DeliveryStatus message={m} onRetry={onRetry} />}
    </article>
  );
}
