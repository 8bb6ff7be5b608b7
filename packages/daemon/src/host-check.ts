/**
 * DNS-rebinding defence: a page on evil.example that rebinds its name to 127.0.0.1 still sends
 * `Host: evil.example`, so only the loopback names of this very port are answered. WebSockets also
 * check `Origin` (browsers always send it there).
 */
import type { IncomingMessage } from 'node:http';
import { HushError } from '@hush/core';

/** The Host header values this daemon answers to. */
export function allowedHosts(host: string, port: number): ReadonlySet<string> {
  const names = new Set(['127.0.0.1', 'localhost', host.includes(':') ? `[${host}]` : host]);
  return new Set([...names].map((name) => `${name}:${port}`));
}

function forbidden(message: string, field: string): HushError {
  return new HushError('HUSH_ERR_FORBIDDEN', message, { details: { field } });
}

/** HUSH_ERR_FORBIDDEN unless `Host` is one of ours. */
export function checkHost(req: IncomingMessage, allowed: ReadonlySet<string>): void {
  const host = req.headers.host?.toLowerCase();
  if (host === undefined || !allowed.has(host)) {
    throw forbidden(`this address is not served (Host "${String(req.headers.host ?? '').slice(0, 100)}"): open http://${[...allowed][0] ?? '127.0.0.1'}/ instead`, 'host');
  }
}

/** HUSH_ERR_FORBIDDEN when an `Origin` is given and is not this daemon's own page. */
export function checkOrigin(req: IncomingMessage, allowed: ReadonlySet<string>): void {
  const origin = req.headers.origin;
  if (origin === undefined) return; // not a browser (a test, a CLI): the token is what counts
  const match = /^http:\/\/([^/]+)$/i.exec(origin);
  if (match === null || !allowed.has((match[1] ?? '').toLowerCase())) {
    throw forbidden(`connections from ${origin.slice(0, 100)} are not accepted`, 'origin');
  }
}
