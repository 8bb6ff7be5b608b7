/** Create an account: a display name (optional), then the daemon makes the keys. */
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { asApiError } from '../../api/api-error.ts';
import type { AccountState, CreatedAccount } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { DisplayNameInput } from './DisplayNameInput.tsx';
import { OnboardingLayout } from './OnboardingLayout.tsx';

export interface CreateAccountProps {
  readonly onAccount: (account: AccountState) => void;
  readonly onBack: () => void;
}

export function CreateAccount({ onAccount, onBack }: CreateAccountProps) {
  const api = useApi();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    api.post<CreatedAccount>('/api/account/create', { displayName: name }).then(
      (created) => onAccount(created.account),
      (err: unknown) => {
        setError(asApiError(err));
        setBusy(false);
      },
    );
  };
  return (
    <OnboardingLayout title="Create your account" onBack={onBack}>
      <form onSubmit={submit} className="stack">
        <DisplayNameInput value={name} onChange={setName} autoFocus />
        {error !== null && <ErrorNotice error={error} />}
        <button type="submit" className="button primary large" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </OnboardingLayout>
  );
}
