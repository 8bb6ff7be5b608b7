/**
 * After creating an account: the recovery phrase, with the one step that matters — the user says
 * they saved it. Kept by the daemon until then, so a reload comes back here.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import type { ApiError } from '../../api/api-error.ts';
import { asApiError } from '../../api/api-error.ts';
import type { AccountState } from '../../api/types.ts';
import { useApi } from '../../state/daemon-context.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { OnboardingLayout } from './OnboardingLayout.tsx';
import { PhraseWords } from './PhraseWords.tsx';

export function ShowPhrase({ onConfirmed }: { onConfirmed: (account: AccountState) => void }) {
  const api = useApi();
  const checkId = useId();
  const [phrase, setPhrase] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    setError(null);
    api.get<{ recoveryPhrase: string }>('/api/account/recovery-phrase').then(
      (r) => setPhrase(r.recoveryPhrase),
      (err: unknown) => setError(asApiError(err)),
    );
  }, [api]);
  useEffect(load, [load]);
  const confirm = (): void => {
    api.post<AccountState>('/api/account/phrase-saved').then(onConfirmed, (err: unknown) => setError(asApiError(err)));
  };
  return (
    <OnboardingLayout title="Save your recovery phrase">
      <p className="lead">
        These 13 words are your account. Write them down and keep them somewhere safe: they are the only way to get your account back, and
        anyone who has them can read your messages.
      </p>
      {phrase === null ? (
        error === null && <p className="muted">Loading…</p>
      ) : (
        <>
          <PhraseWords phrase={phrase} />
          <div className="row">
            <CopyButton text={phrase} label="Copy phrase" />
          </div>
        </>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={phrase === null ? load : confirm} />}
      <div className="check-row">
        <input id={checkId} type="checkbox" checked={saved} onChange={(e) => setSaved(e.target.checked)} disabled={phrase === null} />
        <label htmlFor={checkId}>I have saved my recovery phrase somewhere safe</label>
      </div>
      <button type="button" className="button primary large" disabled={!saved} onClick={confirm}>
        Continue
      </button>
    </OnboardingLayout>
  );
}
