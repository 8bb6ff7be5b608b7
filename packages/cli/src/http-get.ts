/**
 * A bounded plain-HTTP GET, for a node's loopback status port: a timeout, a size cap, and the
 * reply body as text. Connection errors stay Node's system errors (ECONNREFUSED, ...), so callers
 * can tell "nothing listens there" from other failures.
 */
import { request } from 'node:http';
import { HushError } from '@hush/core';

export interface HttpReply {
  readonly status: number;
  readonly body: string;
}

export interface HttpGetOptions {
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly signal?: AbortSignal;
}

function timeoutError(url: string, ms: number): HushError {
  return new HushError('HUSH_ERR_TIMEOUT', `no answer from ${url} within ${ms} ms`, { details: { url, timeoutMs: ms } });
}

export function httpGet(url: string, options: HttpGetOptions): Promise<HttpReply> {
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const signal = options.signal === undefined ? timeout : AbortSignal.any([options.signal, timeout]);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', signal, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let total = 0;
      res.on('data', (chunk: Buffer) => {
        total += chunk.length;
        if (total <= options.maxBytes) chunks.push(chunk);
        else req.destroy(new HushError('HUSH_ERR_TOO_LARGE', `reply from ${url} is larger than ${options.maxBytes} bytes`, { details: { url } }));
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', (err) => reject(timeout.aborted ? timeoutError(url, options.timeoutMs) : err));
    req.end();
  });
}
