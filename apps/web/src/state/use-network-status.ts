/** The client's network status: loaded, refreshed every 5 s while shown, and updated by `status` events. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { asApiError } from '../api/api-error.ts';
import type { NetworkStatus } from '../api/types.ts';
import { useApi, useDaemonEvent } from './daemon-context.ts';

const REFRESH_MS = 5_000;

export function useNetworkStatus(ready: boolean): { readonly status: NetworkStatus | null; readonly error: ApiError | null } {
  const api = useApi();
  const [status, setStatus] = useState<NetworkStatus | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    api.get<NetworkStatus>('/api/status').then(
      (s) => {
        setStatus(s);
        setError(null);
      },
      (err: unknown) => setError(asApiError(err)),
    );
  }, [api]);
  useEffect(() => {
    if (!ready) return;
    load();
    const timer = window.setInterval(load, REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [ready, load]);
  useDaemonEvent((event) => {
    if (event.type === 'status') setStatus(event.data);
  });
  return { status, error };
}
