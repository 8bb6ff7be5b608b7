/** Test support shared by the packages' process tests. */
import { createServer } from 'node:net';

const handedOut = new Set<number>();

/**
 * A port that was free on 127.0.0.1 a moment ago, drawn below the kernel's ephemeral range
 * (32768+): a port from listen(0) can be taken by any outgoing connection before the child that
 * was meant to bind it does. Never the same port twice in this process.
 */
export async function freePort(): Promise<number> {
  for (let tries = 0; tries < 200; tries++) {
    const port = 10_000 + Math.floor(Math.random() * 22_000);
    if (handedOut.has(port)) continue;
    const free = await new Promise<boolean>((resolve) => {
      const s = createServer();
      s.once('error', () => resolve(false));
      s.listen({ port, host: '127.0.0.1', exclusive: true }, () => s.close(() => resolve(true)));
    });
    if (free) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('no free port found below the ephemeral range');
}
