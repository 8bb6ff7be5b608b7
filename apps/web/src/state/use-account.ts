/**
 * The daemon's account state: loaded once, then kept current by `account` and `hello` events.
 * While the event socket is down it is asked again every few seconds, which is how a restarted
 * daemon (whose new token this page does not have) is noticed: the API answers 401.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { asApiError } from '../api/api-error.ts';
import type { AccountState } from '../api/types.ts';
import { useApi, useDaemonEvent, useSocketState } from './daemon-context.ts';

const PROBE_MS = 4_000;

export interface AccountHook {
  readonly account: AccountState | null;
  readonly error: ApiError | null;
  /** Replaces the state with one a request answered (create, restore, …). */
  readonly set: (account: AccountState) => void;
  readonly reload: () => void;
}

export function useAccount(): AccountHook {
  const api = useApi();
  const [account, setAccount] = useState<AccountState | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const reload = useCallback(() => {
    api.get<AccountState>('/api/account').then(
      (a) => {
        setAccount(a);
        setError(null);
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [api]);
  useEffect(reload, [reload]);
  const socket = useSocketState();
  useEffect(() => {
    if (socket !== 'closed') return;
    const timer = window.setInterval(reload, PROBE_MS);
    return () => window.clearInterval(timer);
  }, [socket, reload]);
  useDaemonEvent((event) => {
    if (event.type === 'account') setAccount(event.data);
    if (event.type === 'hello') {
      setAccount(event.data.account);
      setError(null);
    }
  });
  return { account, error, set: setAccount, reload };
}
