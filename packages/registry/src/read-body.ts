/**
 * Reads a request body of at most `maxBytes` bytes. Throws HUSH_ERR_TOO_LARGE as soon as the
 * declared or received length exceeds the bound (the caller answers 413 and closes the socket).
 */
import type { IncomingMessage } from 'node:http';
import { HushError } from '@hush/core';

function tooLarge(maxBytes: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `body: larger than ${maxBytes} bytes`, {
    details: { field: 'body', max: maxBytes },
  });
}

export async function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (!Number.isFinite(declared) || declared > maxBytes) throw tooLarge(maxBytes);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    total += buf.length;
    if (total > maxBytes) throw tooLarge(maxBytes);
    chunks.push(buf);
  }
  return Buffer.concat(chunks, total);
}
