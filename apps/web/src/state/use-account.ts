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

/**
 * A snapshot (a request's answer, or a reload) can be older than an `account` event that arrived
 * before it: the client of a new account often becomes ready while the create or restore request
 * is still answering 'starting'. The daemon never goes from ready back to starting, so such a
 * snapshot is stale and must not replace 'ready' (the page would wait for a connection that is
 * already there). Events are applied as they come: they arrive in order.
 */
function newer(prev: AccountState | null, next: AccountState): AccountState {
  const stale = prev !== null && prev.status === 'ready' && next.status === 'starting' && prev.sessionId === next.sessionId;
  return stale ? prev : next;
}

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
        setAccount((prev) => newer(prev, a));
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
  const set = useCallback((next: AccountState) => setAccount((prev) => newer(prev, next)), []);
  return { account, error, set, reload };
}
