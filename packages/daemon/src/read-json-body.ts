/**
 * A request's JSON body: `Content-Type: application/json`, at most `maxBytes` (checked against
 * Content-Length first, then while reading), UTF-8, parsed into `unknown`. An empty body is `{}`.
 */
import type { IncomingMessage } from 'node:http';
import { HushError } from '@hush/core';

function tooLarge(maxBytes: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `request body: larger than ${maxBytes} bytes`, { details: { field: 'body', max: maxBytes } });
}

function badJson(message: string): HushError {
  return new HushError('HUSH_ERR_BAD_JSON', `request body: ${message}`, { details: { field: 'body' } });
}

function checkHeaders(req: IncomingMessage, maxBytes: number): void {
  const length = Number(req.headers['content-length'] ?? '0');
  if (Number.isFinite(length) && length > maxBytes) throw tooLarge(maxBytes);
  const type = req.headers['content-type'];
  const hasBody = length > 0 || req.headers['transfer-encoding'] !== undefined;
  if (hasBody && (type === undefined || !/^application\/json\s*(;|$)/i.test(type))) {
    throw badJson('send JSON with Content-Type: application/json');
  }
}

async function readBounded(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge(maxBytes);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

function parse(bytes: Buffer): unknown {
  if (bytes.length === 0) return {};
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badJson('not UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw badJson('not valid JSON');
  }
}

export async function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<unknown> {
  checkHeaders(req, maxBytes);
  return parse(await readBounded(req, maxBytes));
}
