/**
 * How connected we are, said only when it matters: the daemon unreachable (this page lost its
 * link to `hush app`), the client still connecting to the network, or failing to (with when it
 * tries again, and a button to try now).
 */
import { useState } from 'react';
import { asApiError } from '../../api/api-error.ts';
import type { ApiError } from '../../api/api-error.ts';
import type { AccountState } from '../../api/types.ts';
import { useApi, useSocketState } from '../../state/daemon-context.ts';
import { useNow } from '../../state/use-now.ts';
import { formatRemaining } from '../../util/format-duration.ts';
import { ErrorNotice } from '../common/ErrorNotice.tsx';

export function ConnectionBanner({ account }: { account: Exclude<AccountState, { status: 'none' }> }) {
  const api = useApi();
  const socket = useSocketState();
  const now = useNow(1000);
  const [error, setError] = useState<ApiError | null>(null);
  const reconnect = (): void => void api.post('/api/account/reconnect').catch((err: unknown) => setError(asApiError(err)));
  if (socket === 'closed') {
    return (
      <div className="banner warn" role="status">
        <p>
          Lost the connection to the Hush app on this computer; reconnecting… If this lasts, check that <code>hush app</code> (or{' '}
          <code>npm start</code>) is still running.
        </p>
      </div>
    );
  }
  if (account.status === 'starting') {
    return (
      <div className="banner" role="status">
        <span className="spinner" aria-hidden="true" /> Connecting to the Hush network…
      </div>
    );
  }
  if (account.status === 'failed') {
    const wait = account.retryAt === null ? '' : ` Trying again in ${formatRemaining(account.retryAt - now)}.`;
    return <ErrorNotice error={error ?? { code: account.error.code, message: `${account.error.message}.${wait}` }} onRetry={reconnect} retryLabel="Try now" />;
  }
  return null;
}
