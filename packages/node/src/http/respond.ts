/**
 * Writing responses: JSON objects as application/json, strings as text/plain (Session's error
 * bodies), with the `Server` header every answer carries.
 */
import type { ServerResponse } from 'node:http';
import type { RpcResponse } from '../rpc/response.ts';

export const SERVER_HEADER = 'Hush Storage Server/0.1.0 (Oxen Storage Server 2.8.0 compatible)';

export function send(res: ServerResponse, r: RpcResponse, close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const isText = typeof r.body === 'string';
  const payload = isText ? (r.body as string) : JSON.stringify(r.body);
  const headers: Record<string, string | number> = {
    Server: SERVER_HEADER,
    'Content-Type': isText ? 'text/plain; charset=utf-8' : 'application/json',
    'Content-Length': Buffer.byteLength(payload),
  };
  if (r.headers !== undefined) Object.assign(headers, r.headers);
  if (close) headers['Connection'] = 'close';
  res.writeHead(r.status, headers);
  res.end(payload);
}

/** Plain-text error with SS's default body "<Reason Phrase>\n" when none is given. */
export function sendText(res: ServerResponse, status: number, text: string, close = false): void {
  send(res, { status, body: text }, close);
}

/** Raw bytes (or text) with the given content type: onion replies relayed or encrypted as they are. */
export function sendBytes(res: ServerResponse, status: number, body: Uint8Array | string, contentType: string): void {
  if (res.headersSent || res.writableEnded) return;
  const length = typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength;
  res.writeHead(status, { Server: SERVER_HEADER, 'Content-Type': contentType, 'Content-Length': length });
  res.end(body);
}
