/** Loopback probes: can an address / port be bound right now? */
import { createServer } from 'node:net';

export function canListen(ip: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host: ip, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** True when 127.0.0.2 is bindable, i.e. every node can have its own loopback address. */
export function hasLoopbackRange(): Promise<boolean> {
  return canListen('127.0.0.2', 0);
}
