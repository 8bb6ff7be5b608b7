/** Change the display name others see (sent with our messages). */
import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { DisplayNameInput, MAX_NAME_BYTES, nameBytes } from '../onboarding/DisplayNameInput.tsx';

export interface DisplayNameFormProps {
  readonly current: string | null;
  readonly onSave: (name: string) => Promise<void>;
}

export function DisplayNameForm({ current, onSave }: DisplayNameFormProps) {
  const [name, setName] = useState(current ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => setName(current ?? ''), [current]);
  const changed = name.trim() !== (current ?? '') && name.trim() !== '';
  const save = (e: FormEvent): void => {
    e.preventDefault();
    setState('saving');
    setError(null);
    onSave(name.trim()).then(
      () => setState('saved'),
      (err: unknown) => {
        setError(asApiError(err));
        setState('idle');
      },
    );
  };
  return (
    <form className="card stack" onSubmit={save}>
      <DisplayNameInput value={name} onChange={(v) => (setName(v), setState('idle'))} />
      {error !== null && <ErrorNotice error={error} />}
      <div className="row">
        <button type="submit" className="button primary" disabled={!changed || state === 'saving' || nameBytes(name) > MAX_NAME_BYTES}>
          {state === 'saving' ? 'Saving…' : 'Save name'}
        </button>
        <span className="muted small" role="status">
          {state === 'saved' ? 'Saved.' : ''}
        </span>
      </div>
    </form>
  );
}
