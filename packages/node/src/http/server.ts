/**
 * The HTTPS server: TLS from the data dir, keep-alive, the router, and a graceful stop (stop
 * accepting, let in-flight requests finish within a grace period, then cut what is left).
 * Malformed HTTP gets a 400 and the connection closed; a handler that throws gets a 500.
 *
 * With hop links, the same port also serves them, chosen by ALPN: the server offers
 * [hush-onion/1, http/1.1] (server preference), and a connection that selected hush-onion/1 goes
 * to the hop-link server instead of the HTTP parser. For every other client nothing changes:
 * Node's https.Server already offers ['http/1.1'] when given no list, so no ALPN offered → none
 * selected, a list with http/1.1 → http/1.1, and a list with neither was (and still is) refused
 * with a fatal no_application_protocol alert (Node 20 sends it on no overlap).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import { HOP_LINK_ALPN } from '../onion/hop-link-frame.ts';
import type { HopLinkServer } from '../onion/hop-link-server.ts';
import { sendText } from './respond.ts';
import type { TlsMaterial } from './tls-cert.ts';

export interface HttpsServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  /** Graceful stop; resolves when every connection is closed. */
  close(graceMs?: number): Promise<void>;
  inFlight(): number;
}

/** https.Server hands every TLS connection to its HTTP parser on 'secureConnection': route links away. */
function routeLinks(server: Server, links: HopLinkServer): void {
  const http = server.listeners('secureConnection') as Array<(socket: TLSSocket) => void>;
  server.removeAllListeners('secureConnection');
  server.on('secureConnection', (socket: TLSSocket) => {
    if (socket.alpnProtocol === HOP_LINK_ALPN) return links.accept(socket);
    for (const listener of http) listener.call(server, socket);
  });
}

export function createHttpsServer(
  tls: TlsMaterial,
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  logger: Logger,
  links?: HopLinkServer,
): HttpsServer {
  let inFlight = 0;
  let idleWaiters: Array<() => void> = [];
  const sockets = new Set<Socket>();
  // Per request: one shared 'close' listener and no closures (the hot path of every request).
  const onResponseClose = (): void => {
    inFlight--;
    if (inFlight === 0) for (const w of idleWaiters.splice(0)) w();
  };
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      await handler(req, res);
    } catch (err) {
      logger.error('handler_failed', { url: req.url, error: err });
      sendText(res, 500, 'request failed');
    }
  };
  const server: Server = createServer(
    {
      key: tls.key,
      cert: tls.cert,
      keepAliveTimeout: LIMITS.keepAliveTimeoutMs,
      requestTimeout: LIMITS.requestTimeoutMs,
      headersTimeout: Math.min(LIMITS.requestTimeoutMs, 20_000),
      maxHeaderSize: LIMITS.maxHeaderBytes,
      ...(links === undefined ? {} : { ALPNProtocols: [HOP_LINK_ALPN, 'http/1.1'] }),
    },
    (req, res) => {
      inFlight++;
      res.on('close', onResponseClose); // a response closes once
      void serve(req, res);
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
  if (links !== undefined) routeLinks(server, links);

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
      const linksClosed = links?.close(graceMs);
      if (inFlight > 0) {
        await Promise.race([new Promise<void>((r) => idleWaiters.push(r)), new Promise((r) => setTimeout(r, graceMs).unref())]);
      }
      await linksClosed;
      server.closeAllConnections();
      for (const s of sockets) s.destroy();
      await closed;
      idleWaiters = [];
    },
    inFlight: () => inFlight,
  };
}
