/** Restore an account from its recovery phrase; its history then comes back from the network. */
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { asApiError } from '../../api/api-error.ts';
import type { AccountState } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { DisplayNameInput } from './DisplayNameInput.tsx';
import { OnboardingLayout } from './OnboardingLayout.tsx';

export interface RestoreAccountProps {
  readonly onAccount: (account: AccountState) => void;
  readonly onBack: () => void;
}

function wordCount(phrase: string): number {
  return phrase.split(/\s+/).filter((w) => w !== '').length;
}

export function RestoreAccount({ onAccount, onBack }: RestoreAccountProps) {
  const api = useApi();
  const id = useId();
  const [phrase, setPhrase] = useState('');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.post<AccountState>('/api/account/restore', { phrase, displayName: name }).then(onAccount, (err: unknown) => {
      setError(asApiError(err));
      setBusy(false);
    });
  };
  const words = wordCount(phrase);
  return (
    <OnboardingLayout title="Restore your account" onBack={onBack}>
      <form onSubmit={submit} className="stack">
        <div className="field">
          <label htmlFor={id}>Recovery phrase</label>
          <textarea
            id={id}
            rows={4}
            value={phrase}
            autoFocus
            spellCheck={false}
            autoCapitalize="none"
            autoComplete="off"
            aria-describedby={`${id}-hint${error === null ? '' : ` ${id}-error`}`}
            aria-invalid={error !== null}
            onChange={(e) => setPhrase(e.target.value)}
          />
          <p id={`${id}-hint`} className="hint">
            The 13 words you saved, separated by spaces ({words} typed).
          </p>
        </div>
        {error !== null && <ErrorNotice error={error} id={`${id}-error`} />}
        <DisplayNameInput value={name} onChange={setName} label="Display name (optional)" />
        <button type="submit" className="button primary large" disabled={busy || words === 0}>
          {busy ? 'Restoring…' : 'Restore account'}
        </button>
      </form>
    </OnboardingLayout>
  );
}
