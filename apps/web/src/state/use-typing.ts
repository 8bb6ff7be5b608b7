/** Whether the other side of a conversation is typing (their `typing` events; cleared after 20 s of silence). */
import { useEffect, useRef, useState } from 'react';
import { useDaemonEvent } from './daemon-context.ts';

/** Session's typing indicator lives 20 s without a refresh. */
const TYPING_TIMEOUT_MS = 20_000;

export function useTyping(conversationId: string): boolean {
  const [typing, setTyping] = useState(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  useDaemonEvent((event) => {
    const stop = (): void => {
      window.clearTimeout(timer.current);
      setTyping(false);
    };
    if (event.type === 'typing' && event.data.conversationId === conversationId) {
      stop();
      if (event.data.typing) {
        setTyping(true);
        timer.current = window.setTimeout(() => setTyping(false), TYPING_TIMEOUT_MS);
      }
    }
    if (event.type === 'message' && event.data.conversationId === conversationId && event.data.direction === 'in') stop();
  });
  return typing;
}
