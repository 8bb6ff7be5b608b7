/**
 * Tells the other side we are typing: "started" on the first keystroke (repeated every 10 s while
 * typing goes on), "stopped" after 5 s without a keystroke, on send, or when leaving. The client
 * sends nothing when typing indicators are off; failures are ignored (it is only a hint).
 */
import { useCallback, useEffect, useRef } from 'react';
import { conversationPath } from '../api/api-client.ts';
import { useApi } from './daemon-context.ts';

const IDLE_MS = 5_000;
const REFRESH_MS = 10_000;

export interface TypingNotifier {
  /** Call on every edit of the draft. */
  readonly typed: () => void;
  /** Call when the draft was sent or cleared. */
  readonly stopped: () => void;
}

export function useTypingNotifier(conversationId: string, enabled: boolean): TypingNotifier {
  const api = useApi();
  const lastStart = useRef(0);
  const idle = useRef<number | undefined>(undefined);

  const tell = useCallback(
    (typing: boolean) => void api.post(conversationPath(conversationId, '/typing'), { typing }).catch(() => undefined),
    [api, conversationId],
  );
  const stopped = useCallback(() => {
    window.clearTimeout(idle.current);
    if (lastStart.current === 0) return;
    lastStart.current = 0;
    tell(false);
  }, [tell]);
  const typed = useCallback(() => {
    if (!enabled) return;
    const now = Date.now();
    if (now - lastStart.current > REFRESH_MS) {
      lastStart.current = now;
      tell(true);
    }
    window.clearTimeout(idle.current);
    idle.current = window.setTimeout(stopped, IDLE_MS);
  }, [enabled, tell, stopped]);
  useEffect(() => stopped, [stopped]);
  return { typed, stopped };
}
