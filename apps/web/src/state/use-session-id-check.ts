/**
 * Checks a Session ID as it is typed, with core's parser on the daemon (150 ms after the last
 * keystroke; answers to older input are dropped).
 */
import { useEffect, useRef, useState } from 'react';
import type { SessionIdCheck } from '../api/types.ts';
import { useApi } from './daemon-context.ts';

const DEBOUNCE_MS = 150;

export function useSessionIdCheck(value: string): SessionIdCheck | null {
  const api = useApi();
  const [check, setCheck] = useState<SessionIdCheck | null>(null);
  const latest = useRef(0);
  useEffect(() => {
    const trimmed = value.trim();
    const n = ++latest.current;
    if (trimmed === '') {
      setCheck(null);
      return;
    }
    const timer = window.setTimeout(() => {
      api.post<SessionIdCheck>('/api/session-ids/check', { value: trimmed }).then(
        (c) => n === latest.current && setCheck(c),
        () => n === latest.current && setCheck(null),
      );
    }, DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [api, value]);
  return value.trim() === '' ? null : check;
}
