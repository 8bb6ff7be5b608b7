/**
 * Marks the open conversation read while the window is visible and it has unread messages (read
 * receipts go out if they are on; after-read timers start).
 */
import { useEffect, useState } from 'react';
import { conversationPath } from '../api/api-client.ts';
import { useApi } from './daemon-context.ts';

function useVisible(): boolean {
  const [visible, setVisible] = useState(() => document.visibilityState === 'visible');
  useEffect(() => {
    const onChange = (): void => setVisible(document.visibilityState === 'visible');
    document.addEventListener('visibilitychange', onChange);
    return () => document.removeEventListener('visibilitychange', onChange);
  }, []);
  return visible;
}

export function useMarkRead(conversationId: string, unread: number): void {
  const api = useApi();
  const visible = useVisible();
  useEffect(() => {
    if (!visible || unread === 0) return;
    const timer = window.setTimeout(() => void api.post(conversationPath(conversationId, '/read')).catch(() => undefined), 300);
    return () => window.clearTimeout(timer);
  }, [api, conversationId, unread, visible]);
}
