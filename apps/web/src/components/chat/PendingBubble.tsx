/** A message typed here that the daemon has not taken yet (or refused): Sending…, or why not and what to do. */
import type { PendingMessage } from '../../state/message-list.ts';
import { Icon } from '../common/Icon.tsx';

export interface PendingBubbleProps {
  readonly pending: PendingMessage;
  readonly onResend: (key: string) => void;
  readonly onDiscard: (key: string) => void;
}

export function PendingBubble({ pending, onResend, onDiscard }: PendingBubbleProps) {
  return (
    <article className="message" data-direction="out" data-delivery={pending.error === null ? 'sending' : 'failed'}>
      <div className="bubble">
        <span className="visually-hidden">You: </span>
        <p className="message-text">{pending.text}</p>
      </div>
      {pending.error === null ? (
        <div className="delivery sending">
          <span className="spinner small" aria-hidden="true" /> Sending…
        </div>
      ) : (
        <div className="delivery failed" role="alert">
          <Icon name="alert" size={14} /> Not sent: {pending.error} —{' '}
          <button type="button" className="link-button" onClick={() => onResend(pending.key)}>
            Retry
          </button>{' '}
          ·{' '}
          <button type="button" className="link-button" onClick={() => onDiscard(pending.key)}>
            Discard
          </button>
        </div>
      )}
    </article>
  );
}
