/**
 * Disappearing messages for one conversation: off, after sending or after reading, and the timer.
 * Saving tells the other side (and our other devices), as Session does.
 */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { conversationPath } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { Conversation, ConversationAnswer, DisappearingMode, DisappearingSetting } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { DISAPPEARING_TIMERS, MODE_HINTS, MODE_LABELS, describeDisappearing } from '../../util/disappearing.ts';
import { formatTimer } from '../../util/format-duration.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';

const MODES: readonly DisappearingMode[] = ['off', 'after-send', 'after-read'];
const DEFAULT_SECONDS: Readonly<Record<DisappearingMode, number>> = { off: 0, 'after-send': 86400, 'after-read': 43200 };

export interface DisappearingFormProps {
  readonly id: string;
  readonly current: DisappearingSetting;
  readonly onConversation: (conversation: Conversation) => void;
}

export function DisappearingForm({ id, current, onConversation }: DisappearingFormProps) {
  const api = useApi();
  const formId = useId();
  const [mode, setMode] = useState<DisappearingMode>(current.mode);
  const [seconds, setSeconds] = useState(current.mode === 'off' ? DEFAULT_SECONDS['after-send'] : current.seconds);
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  const changed = mode !== current.mode || (mode !== 'off' && seconds !== current.seconds);
  const save = (e: FormEvent): void => {
    e.preventDefault();
    setState('saving');
    setError(null);
    api.put<ConversationAnswer>(conversationPath(id, '/disappearing'), { mode, seconds: mode === 'off' ? 0 : seconds }).then(
      (answer) => {
        if (answer.conversation !== null) onConversation(answer.conversation);
        setState('saved');
      },
      (err: unknown) => {
        setError(asApiError(err));
        setState('idle');
      },
    );
  };
  const pickMode = (m: DisappearingMode): void => {
    setMode(m);
    setState('idle');
    if (m !== 'off' && mode === 'off' && current.mode === 'off') setSeconds(DEFAULT_SECONDS[m]);
  };
  return (
    <form className="detail-block" onSubmit={save}>
      <fieldset>
        <legend className="small-heading">Disappearing messages</legend>
        <p className="muted small">Now: {describeDisappearing(current)}</p>
        {MODES.map((m) => (
          <label key={m} className="radio-row">
            <input type="radio" name={`${formId}-mode`} value={m} checked={mode === m} onChange={() => pickMode(m)} />
            <span>
              {MODE_LABELS[m]}
              <span className="muted small block">{MODE_HINTS[m]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {mode !== 'off' && (
        <div className="field">
          <label htmlFor={`${formId}-timer`}>Delete messages after</label>
          <select id={`${formId}-timer`} value={seconds} onChange={(e) => (setSeconds(Number(e.target.value)), setState('idle'))}>
            {DISAPPEARING_TIMERS.map((s) => (
              <option key={s} value={s}>
                {formatTimer(s)}
              </option>
            ))}
          </select>
        </div>
      )}
      {error !== null && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="button primary" disabled={!changed || state === 'saving'}>
          {state === 'saving' ? 'Saving…' : 'Save'}
        </button>
        <span className="muted small" role="status">
          {state === 'saved' && !changed ? 'Saved; they were told.' : ''}
        </span>
      </div>
    </form>
  );
}
