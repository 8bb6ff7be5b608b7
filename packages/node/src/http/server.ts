/**
 * The HTTPS server: TLS from the data dir, keep-alive, the router, and a graceful stop (stop
 * accepting, let in-flight requests finish within a grace period, then cut what is left).
 * Malformed HTTP gets a 400 and the connection closed; a handler that throws gets a 500.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import { sendText } from './respond.ts';
import type { TlsMaterial } from './tls-cert.ts';

export interface HttpsServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Graceful stop; resolves when every connection is closed. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

export function createHttpsServer(
  tls: TlsMaterial,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  logger: Logger,
): HttpsServer {
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer(
    {
      key: tls.key,
      cert: tls.cert,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      headersTimeout: Math.min(LIMITS.requestTimeoutMs, 20_000),
      maxHeaderSize: LIMITS.maxHeaderBytes,
    },
    (req, res) => {
      inFlight++;
      res.once('close', () => {
        inFlight--;
        if (inFlight === 0) for (const w of idleWaiters.splice(0)) w();
      });
      handler(req, res).catch((err: unknown) => {
        logger.error('handler_failed', { url: req.url, error: err });
        sendText(res, 500, 'request failed');
      });
    },
  );
  server.on('connection', (s: Socket) => {
    // Small request/response pairs must not wait for Nagle + delayed ACK (~40 ms per request).
    s.setNoDelay(true);
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  server.on('clientError', (err: Error & { code?: string }, socket) => {
    if (socket.writable && err.code !== 'ECONNRESET') socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });
  server.on('tlsClientError', () => undefined);

  return {
    listen: (host, port) =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const addr = server.address();
          resolve({ host, port: typeof addr === 'object' && addr !== null ? addr.port : port });
        });
      }),
    async close(graceMs = LIMITS.shutdownGraceMs) {
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeIdleConnections();
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => idleWaiters.push(r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
      idleWaiters = [];
    },
    inFlight: () => inFlight,
  };
}
