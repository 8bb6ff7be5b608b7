/**
 * Where our message is, in words: sending, stored on N of M swarm nodes (with their signed
 * receipts), read (a read receipt came back), or failed — with a Retry button.
 */
import { useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ChatMessage } from '../../api/types.ts';
import { formatFull, formatTime } from '../../util/format-time.ts';
import { Icon } from '../common/Icon.tsx';

export interface DeliveryStatusProps {
  readonly message: ChatMessage;
  readonly onRetry: (messageId: number) => Promise<void>;
}

function Failed({ message, onRetry }: DeliveryStatusProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const retry = (): void => {
    setBusy(true);
    setError(null);
    onRetry(message.id)
      .catch((err: unknown) => setError(asApiError(err).message))
      .finally(() => setBusy(false));
  };
  return (
    <div className="delivery failed" role="status">
      <Icon name="alert" size={14} /> Failed{message.error !== null && <span className="visually-hidden"> ({message.error})</span>} —{' '}
      <button type="button" className="link-button" onClick={retry} disabled={busy} title={message.error ?? undefined}>
        {busy ? 'Retrying…' : 'Retry'}
      </button>
      {error !== null && <span className="delivery-error"> {error}</span>}
    </div>
  );
}

export function DeliveryStatus({ message, onRetry }: DeliveryStatusProps) {
  if (message.delivery === 'failed') return <Failed message={message} onRetry={onRetry} />;
  if (message.delivery === 'sending') {
    return (
      <div className="delivery sending">
        <span className="spinner small" aria-hidden="true" /> Sending…
      </div>
    );
  }
  // A copy synced from our own swarm (sent from another device, or before a restore): no receipts here.
  const synced = message.swarmSize === 0;
  return (
    <div className="delivery stored" title={synced ? 'Sent from another device of yours' : 'Each node signed a receipt for the copy it stored'}>
      <Icon name="check" size={14} /> {synced ? 'Sent' : `Stored on ${message.storedOn} of ${message.swarmSize} nodes`}
      {message.readAt !== null && (
        <span className="read" title={`Read ${formatFull(message.readAt)}`}>
          {' '}
          · <Icon name="eye" size={14} /> Read {formatTime(message.readAt)}
        </span>
      )}
    </div>
  );
}
