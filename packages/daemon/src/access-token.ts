/**
 * The per-launch access token: random bytes (hex) that every /api request must carry, as
 * `Authorization: Bearer <token>` (REST) or `?token=<token>` (the WebSocket, which browsers cannot
 * give headers). Another local user or a web page cannot read it; it changes on every launch.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HushError, randomBytes, toHex } from '@hush/core';

const TOKEN_RE = /^[0-9a-f]{32,256}$/;

export function newAccessToken(bytes: number): string {
  return toHex(randomBytes(bytes));
}

/** Checks a token given in the options: lowercase hex, 16 to 128 bytes. */
export function parseAccessToken(value: unknown): string {
  if (typeof value !== 'string' || !TOKEN_RE.test(value) || value.length % 2 !== 0) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'token: expected 32 to 256 lowercase hex characters', { details: { field: 'token' } });
  }
  return value;
}

function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(token, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

function bearerOf(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header === undefined ? null : /^Bearer ([^\s]+)$/i.exec(header.trim());
  return match?.[1];
}

function unauthorized(message: string): HushError {
  return new HushError('HUSH_ERR_UNAUTHORIZED', message, { details: { field: 'token' } });
}

/** HUSH_ERR_UNAUTHORIZED unless the request carries the token (header, or `?token=` when allowed). */
export function checkAccessToken(req: IncomingMessage, url: URL, token: string, allowQuery: boolean): void {
  const given = bearerOf(req) ?? (allowQuery ? url.searchParams.get('token') ?? undefined : undefined);
  if (given === undefined) throw unauthorized('this request needs the access token: open the address printed by "hush app" (it ends in #token=…)');
  if (!sameToken(given, token)) throw unauthorized('wrong access token: Hush was probably restarted; open the new address that "hush app" printed');
}
