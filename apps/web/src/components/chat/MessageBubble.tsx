/**
 * One message: its text, when it was sent, when it disappears, and (ours) how its delivery went and
 * a "more" menu to delete it for everyone.
 */
import { useId, useRef } from 'react';
import type { ChatMessage } from '../../api/types.ts';
import { useUnsendFlow } from '../../state/use-unsend-flow.ts';
import { formatRemaining } from '../../util/format-duration.ts';
import { formatFull, formatTime } from '../../util/format-time.ts';
import { Icon } from '../common/Icon.tsx';
import { DeliveryStatus } from './DeliveryStatus.tsx';
import { MessageMenu } from './MessageMenu.tsx';
import { UnsendPanel } from './UnsendPanel.tsx';

export interface MessageBubbleProps {
  readonly message: ChatMessage;
  readonly now: number;
  readonly authorName: string;
  /** The other side's name (for the delete confirmation); null in note-to-self. */
  readonly peerName: string | null;
  readonly onRetry: (messageId: number) => Promise<void>;
  readonly onUnsend: (messageId: number) => Promise<void>;
}

function Bubble({ message: m, now, authorName, textId }: Pick<MessageBubbleProps, 'message' | 'now' | 'authorName'> & { readonly textId: string }) {
  return (
    <div className="bubble">
      <span className="visually-hidden">{authorName}: </span>
      <p className="message-text" id={textId}>
        {m.text}
      </p>
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
  );
}

export function MessageBubble({ message: m, now, authorName, peerName, onRetry, onUnsend }: MessageBubbleProps) {
  const textId = useId();
  const more = useRef<HTMLButtonElement>(null);
  const flow = useUnsendFlow(m.id, onUnsend);
  // Ours only (a peer can delete only its own), and not while it is still being sent.
  const menu = m.direction === 'out' && m.delivery !== 'sending' && flow.step.name !== 'deleting';
  const items = [{ label: 'Delete for everyone', icon: 'trash', danger: true, onSelect: flow.ask }] as const;
  return (
    <article className="message" data-direction={m.direction} data-delivery={m.delivery} data-message-id={m.id} data-unsend={flow.step.name}>
      <div className="message-body">
        <Bubble message={m} now={now} authorName={authorName} textId={textId} />
        {menu && <MessageMenu label="More actions" describedBy={textId} items={items} buttonRef={more} />}
      </div>
      {m.direction === 'out' && <DeliveryStatus message={m} onRetry={onRetry} />}
      <UnsendPanel flow={flow} peerName={peerName} onClosed={() => more.current?.focus()} />
    </article>
  );
}
