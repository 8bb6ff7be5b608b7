/**
 * "Delete for everyone", under the message it is about: the confirm step (focus on Cancel, Escape
 * cancels), "Deleting…" while it goes, and — when it did not work — why and what to do.
 */
import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import type { UnsendFlow } from '../../state/use-unsend-flow.ts';
import { adviceFor } from '../../util/error-advice.ts';

export interface UnsendPanelProps {
  readonly flow: UnsendFlow;
  /** Their name; null in note-to-self. */
  readonly peerName: string | null;
  /** Puts focus back on the message's "more" button (after Cancel or Dismiss). */
  readonly onClosed: () => void;
}

/** Advice that fits a deletion better than the general one for the same code. */
const UNSEND_ADVICE: Readonly<Record<string, string>> = {
  HUSH_ERR_STORE_FAILED: 'Their nodes did not take the deletion. Try again in a moment.',
};

function whatToDo(error: ApiError): string {
  return UNSEND_ADVICE[error.code] ?? adviceFor(error) ?? 'Try again in a moment.';
}

function Confirm({ flow, peerName, onClosed }: UnsendPanelProps) {
  const id = useId();
  const cancelButton = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelButton.current?.focus(), []);
  const cancel = (): void => {
    flow.cancel();
    onClosed();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    if (e.key === 'Escape') cancel();
  };
  return (
    <div className="unsend-panel" role="group" aria-labelledby={`${id}-q`} aria-describedby={`${id}-d`} onKeyDown={onKeyDown}>
      <p id={`${id}-q`} className="unsend-question">
        Delete this message for everyone?
      </p>
      <p id={`${id}-d`} className="muted small">
        {peerName === null ? 'It is removed here and from your other devices.' : `It is removed here, from your other devices and from ${peerName}’s. They may have read it already.`}
      </p>
      <div className="row wrap">
        <button type="button" className="button small" ref={cancelButton} onClick={cancel}>
          Cancel
        </button>
        <button type="button" className="button small danger" onClick={flow.confirm}>
          Delete for everyone
        </button>
      </div>
    </div>
  );
}

function Failed({ flow, error, onClosed }: UnsendPanelProps & { readonly error: ApiError }) {
  const reason = error.message.trim().replace(/[.!?]?$/, '.');
  return (
    <div className="error-notice unsend-panel" role="alert">
      <p>
        Not deleted: {reason} <span className="advice">{whatToDo(error)}</span>
      </p>
      <div className="row wrap">
        <button type="button" className="button small" onClick={flow.confirm}>
          Try again
        </button>
        <button type="button" className="button small" onClick={() => (flow.cancel(), onClosed())}>
          Dismiss
        </button>
      </div>
    </div>
  );
}

export function UnsendPanel(props: UnsendPanelProps) {
  const { step } = props.flow;
  if (step.name === 'confirm') return <Confirm {...props} />;
  if (step.name === 'failed') return <Failed {...props} error={step.error} />;
  if (step.name === 'deleting') {
    return (
      <p className="delivery" role="status">
        <span className="spinner small" aria-hidden="true" /> Deleting for everyone…
      </p>
    );
  }
  return null;
}
