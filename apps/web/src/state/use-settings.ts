/** The client's settings (read receipts, typing indicators): loaded (again after a reconnection), saved on change. */
import { useCallback, useEffect, useState } from 'react';
import type { ApiError } from '../api/api-error.ts';
import { asApiError } from '../api/api-error.ts';
import type { ClientSettings } from '../api/types.ts';
import { useApi, useDaemonEvent } from './daemon-context.ts';

export interface SettingsHook {
  readonly settings: ClientSettings | null;
  readonly error: ApiError | null;
  readonly update: (patch: Partial<ClientSettings>) => Promise<void>;
}

export function useSettings(ready: boolean): SettingsHook {
  const api = useApi();
  const [settings, setSettings] = useState<ClientSettings | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = useCallback(() => {
    if (!ready) return;
    api.get<ClientSettings>('/api/settings').then(setSettings, (err: unknown) => setError(asApiError(err)));
  }, [api, ready]);
  useEffect(load, [load]);
  useDaemonEvent((event) => {
    if (event.type === 'hello') load();
  });
  /** Shows the change at once, saves it, and goes back (saying why) if saving fails. */
  const update = useCallback(
    async (patch: Partial<ClientSettings>) => {
      let before: ClientSettings | null = null;
      setSettings((s) => {
        before = s;
        return s === null ? s : { ...s, ...patch };
      });
      try {
        setSettings(await api.put<ClientSettings>('/api/settings', patch));
        setError(null);
      } catch (err) {
        setSettings(before);
        setError(asApiError(err));
      }
    },
    [api],
  );
  return { settings, error, update };
}
