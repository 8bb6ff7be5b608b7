/** Writing JSON answers (and errors as `{ error: { code, message } }`) on node:http responses. */
import type { ServerResponse } from 'node:http';
import { errorReply } from './error-status.ts';

export type LogError = (message: string, err: unknown) => void;

export function sendJson(res: ServerResponse, status: number, value: unknown, extraHeaders: Record<string, string> = {}): void {
  const body = Buffer.from(JSON.stringify(value ?? null), 'utf8');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...extraHeaders,
  });
  res.end(body);
}

/** Sends `err` as a JSON error; `close` ends the connection too (a body was left unread). */
export function sendError(res: ServerResponse, err: unknown, log: LogError, close = false): void {
  const reply = errorReply(err);
  if (reply.unexpected) log(`request failed with ${reply.status}`, err);
  sendJson(res, reply.status, reply.body, close ? { Connection: 'close' } : {});
}
