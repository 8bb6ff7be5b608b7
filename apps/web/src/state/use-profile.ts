/** Our profile (Session ID, display name): loaded once the client runs; updated after a save. */
import { useCallback, useEffect, useState } from 'react';
import type { Profile } from '../api/types.ts';
import { useApi, useDaemonEvent } from './daemon-context.ts';

export interface ProfileHook {
  readonly profile: Profile | null;
  readonly save: (displayName: string) => Promise<void>;
}

export function useProfile(ready: boolean): ProfileHook {
  const api = useApi();
  const [profile, setProfile] = useState<Profile | null>(null);
  const load = useCallback(() => {
    if (ready) api.get<Profile>('/api/profile').then(setProfile, () => undefined);
  }, [api, ready]);
  useEffect(load, [load]);
  useDaemonEvent((event) => {
    if (event.type === 'hello') load();
  });
  const save = useCallback(async (displayName: string) => setProfile(await api.put<Profile>('/api/profile', { displayName })), [api]);
  return { profile, save };
}
