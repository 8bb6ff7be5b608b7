/**
 * The daemon's event stream (/api/events) with reconnection: a closed socket is opened again after
 * a pause that doubles up to 10 s. Every (re)connection starts with `hello`, on which the app
 * reloads its state, so events missed while away are never lost.
 */
import type { DaemonEvent } from './types.ts';

export type SocketState = 'connecting' | 'open' | 'closed';

export interface EventSocket {
  subscribe(handler: (event: DaemonEvent) => void): () => void;
  onState(handler: (state: SocketState) => void): () => void;
  state(): SocketState;
  close(): void;
}

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 10_000;

function parseEvent(data: unknown): DaemonEvent | null {
  if (typeof data !== 'string') return null;
  try {
    const value = JSON.parse(data) as unknown;
    const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
    return typeof type === 'string' ? (value as DaemonEvent) : null;
  } catch {
    return null;
  }
}

export function openEventSocket(token: string): EventSocket {
  const handlers = new Set<(event: DaemonEvent) => void>();
  const stateHandlers = new Set<(state: SocketState) => void>();
  let state: SocketState = 'connecting';
  let delay = FIRST_DELAY_MS;
  let closed = false;
  let ws: WebSocket | null = null;
  let timer: number | undefined;

  const setState = (next: SocketState): void => {
    state = next;
    for (const h of stateHandlers) h(next);
  };

  const connect = (): void => {
    const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/api/events?token=${token}`;
    ws = new WebSocket(url);
    ws.onopen = () => {
      delay = FIRST_DELAY_MS;
      setState('open');
    };
    ws.onmessage = (message) => {
      const event = parseEvent(message.data);
      if (event !== null) for (const h of handlers) h(event);
    };
    ws.onclose = () => {
      ws = null;
      if (closed) return;
      setState('closed');
      timer = window.setTimeout(connect, delay);
      delay = Math.min(MAX_DELAY_MS, delay * 2);
    };
  };
  connect();

  return {
    subscribe(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    onState(handler) {
      stateHandlers.add(handler);
      return () => void stateHandlers.delete(handler);
    },
    state: () => state,
    close() {
      closed = true;
      window.clearTimeout(timer);
      ws?.close();
    },
  };
}
