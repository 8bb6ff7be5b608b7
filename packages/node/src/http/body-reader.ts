/**
 * Reads a request body with a size limit, without buffering more than the limit: a declared
 * Content-Length over the limit is refused before reading; a chunked body is counted as it
 * arrives and refused as soon as it passes the limit.
 *
 * Hot path (every storage RPC and onion request): one collector object per body and anonymous
 * listeners that stay attached once the body is settled (they ignore later events) — no named
 * closures (tsx's keepNames wraps each in an Object.defineProperty call) and no removeListener
 * calls. A body that arrived in one chunk is returned as that chunk: the HTTP parser hands every
 * chunk over in a Buffer of its own, so nothing else can see or change it.
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

const CONTENT_LENGTH = /^[0-9]{1,15}$/;

class BodyCollector {
  private chunks: Buffer[] = [];
  private size = 0;
  private settled = false;

  constructor(
    private readonly limit: number,
    private readonly resolve: (body: Buffer) => void,
    private readonly reject: (err: BodyError) => void,
  ) {}

  data(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size > this.limit) {
      this.chunks = [];
      this.fail(new BodyError(413, 'Request body too large'));
    } else this.chunks.push(chunk);
  }

  end(): void {
    if (this.settled) return;
    this.settled = true;
    const { chunks } = this;
    this.chunks = [];
    this.resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, this.size));
  }

  fail(err: BodyError): void {
    if (this.settled) return;
    this.settled = true;
    this.chunks = [];
    this.reject(err);
  }
}

/** The whole-request deadline is the server's `requestTimeout`; this only bounds the size. */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined) {
    if (!CONTENT_LENGTH.test(declared)) return Promise.reject(new BodyError(400, 'invalid Content-Length'));
    if (Number(declared) > limit) return Promise.reject(new BodyError(413, 'Request body too large'));
  }
  return new Promise<Buffer>((resolve, reject) => {
    const c = new BodyCollector(limit, resolve, reject);
    req.on('data', (chunk: Buffer) => c.data(chunk));
    req.on('end', () => c.end());
    req.on('error', (err: Error) => c.fail(new BodyError(400, `request body error: ${err.message}`)));
    req.on('close', () => {
      if (!req.complete) c.fail(new BodyError(400, 'request aborted'));
    });
  });
}
