/**
 * The operator endpoint, plain HTTP on a loopback port separate from the public HTTPS port:
 * GET /metrics (Prometheus text) and GET /status (JSON for `hush node status`).
 */
import { createServer, type Server } from 'node:http';
import type { Logger } from '../log/logger.ts';

export interface MetricsServer {
  listen(host: string, port: number): Promise<{ host: string; port: number }>;
  close(): Promise<void>;
}

export function createMetricsServer(render: () => string, status: () => unknown, logger: Logger): MetricsServer {
  const server: Server = createServer((req, res) => {
    try {
      const path = (req.url ?? '').split('?')[0];
      if (req.method === 'GET' && path === '/metrics') {
        res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8' });
        res.end(render());
      } else if (req.method === 'GET' && path === '/status') {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(status(), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)));
      } else {
        res.writeHead(404, { 'Content-Type': 'text/plain' });
        res.end(`${req.method ?? ''} ${(req.url ?? '').slice(0, 200)} Not Found`);
      }
    } catch (err) {
      logger.error('metrics_request_failed', { error: err });
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('request failed');
    }
  });
  server.keepAliveTimeout = 5_000;
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
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
