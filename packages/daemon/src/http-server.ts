/**
 * The daemon's node:http server on loopback: every request first passes the Host check (DNS
 * rebinding), then /api/events upgrades to the WebSocket hub, /api/* goes to the JSON API and
 * everything else to the static app.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { ApiHandler } from './api-handler.ts';
import { checkHost } from './host-check.ts';
import { sendError } from './http-reply.ts';
import type { LogError } from './http-reply.ts';
import type { StaticHandler } from './static-files.ts';
import type { WsHub } from './ws-hub.ts';

export interface HttpServerOptions {
  readonly host: string;
  /** 0: any free port. */
  readonly port: number;
  /** Host header values answered (filled by the owner once the port is known; empty = none). */
  readonly allowedHosts: ReadonlySet<string>;
  readonly api: ApiHandler;
  readonly files: StaticHandler;
  readonly hub: WsHub;
  readonly stopGraceMs: number;
  readonly log: LogError;
}

export interface HttpServer {
  readonly port: number;
  close(): Promise<void>;
}

function handle(o: HttpServerOptions, req: IncomingMessage, res: ServerResponse): void {
  let url: URL;
  try {
    checkHost(req, o.allowedHosts);
    url = new URL(req.url ?? '/', 'http://localhost');
  } catch (err) {
    sendError(res, err, o.log, true);
    return;
  }
  const run = url.pathname === '/api' || url.pathname.startsWith('/api/') ? o.api : o.files;
  run(req, res, url).catch((err: unknown) => sendError(res, err, o.log, true));
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

async function closeServer(server: Server, graceMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  const timer = setTimeout(() => server.closeAllConnections(), graceMs);
  await closed;
  clearTimeout(timer);
}

export async function startHttpServer(o: HttpServerOptions): Promise<HttpServer> {
  const server = createServer({ requestTimeout: 60_000, headersTimeout: 20_000 }, (req, res) => handle(o, req, res));
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => o.hub.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket: Duplex) => socket.destroy());
  const port = await listen(server, o.host, o.port);
  return {
    port,
    async close() {
      o.hub.close();
      await closeServer(server, o.stopGraceMs);
    },
  };
}
