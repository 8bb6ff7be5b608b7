/** What every screen needs from the daemon: the API, its event stream, and whether it is connected. */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import type { Api } from '../api/api-client.ts';
import type { EventSocket, SocketState } from '../api/event-socket.ts';
import type { DaemonEvent } from '../api/types.ts';

export interface Daemon {
  readonly api: Api;
  readonly socket: EventSocket;
}

export const DaemonContext = createContext<Daemon | null>(null);

export function useDaemon(): Daemon {
  const daemon = useContext(DaemonContext);
  if (daemon === null) throw new Error('useDaemon outside DaemonContext');
  return daemon;
}

export function useApi(): Api {
  return useDaemon().api;
}

/** Calls `handler` for every daemon event (the latest handler; no resubscription per render). */
export function useDaemonEvent(handler: (event: DaemonEvent) => void): void {
  const { socket } = useDaemon();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => socket.subscribe((event) => ref.current(event)), [socket]);
}

export function useSocketState(): SocketState {
  const { socket } = useDaemon();
  const [state, setState] = useState<SocketState>(socket.state());
  useEffect(() => {
    setState(socket.state());
    return socket.onState(setState);
  }, [socket]);
  return state;
}
