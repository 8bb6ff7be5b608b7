/** The recovery phrase, hidden until asked for (someone may be looking at the screen). */
import { useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import { useApi } from '../../state/daemon-context.ts';
import { CopyButton } from '../common/CopyButton.tsx';
import { ErrorNotice } from '../common/ErrorNotice.tsx';
import { PhraseWords } from '../onboarding/PhraseWords.tsx';

export function RecoveryPhraseReveal() {
  const api = useApi();
  const [phrase, setPhrase] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const show = (): void => {
    setError(null);
    api.get<{ recoveryPhrase: string }>('/api/account/recovery-phrase').then(
      (r) => setPhrase(r.recoveryPhrase),
      (err: unknown) => setError(asApiError(err)),
    );
  };
  return (
    <div className="card stack">
      <h2 className="small-heading">Recovery phrase</h2>
      <p className="muted small">The 13 words that restore this account on another device. Never share them: whoever has them can read your messages.</p>
      {phrase === null ? (
        <div className="row">
          <button type="button" className="button" onClick={show}>
            Show recovery phrase
          </button>
        </div>
      ) : (
        <>
          <PhraseWords phrase={phrase} />
          <div className="row wrap">
            <CopyButton text={phrase} label="Copy phrase" />
            <button type="button" className="button small" onClick={() => setPhrase(null)}>
              Hide
            </button>
          </div>
        </>
      )}
      {error !== null && <ErrorNotice error={error} onRetry={show} />}
    </div>
  );
}
