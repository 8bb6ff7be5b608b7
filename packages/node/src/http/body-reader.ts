/**
 * Reads a request body with a size limit, without buffering more than the limit: a declared
 * Content-Length over the limit is refused before reading; a chunked body is counted as it
 * arrives and refused as soon as it passes the limit.
 */
import type { IncomingMessage } from 'node:http';

export class BodyError extends Error {
  override readonly name = 'BodyError';
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The whole-request deadline is the server's `requestTimeout`; this only bounds the size. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (!/^[0-9]{1,15}$/.test(declared)) return Promise.reject(new BodyError(400, 'invalid Content-Length'));
    if (Number(declared) > limit) return Promise.reject(new BodyError(413, 'Request body too large'));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (err?: Error): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (err === undefined) resolve(Buffer.concat(chunks, size));
      else reject(err);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        finish(new BodyError(413, 'Request body too large'));
      } else chunks.push(chunk);
    };
    const onEnd = (): void => finish();
    const onError = (err: Error): void => finish(new BodyError(400, `request body error: ${err.message}`));
    const onClose = (): void => {
      if (!req.complete) finish(new BodyError(400, 'request aborted'));
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
