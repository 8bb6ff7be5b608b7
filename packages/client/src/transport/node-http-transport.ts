/** The real transport: node:http / node:https with a keep-alive agent per node. */
import { request as httpRequest, type Agent as HttpAgent, type ClientRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { HushError } from '@hush/core';
import { abortedError } from '../runtime/clock.ts';
import { createAgentCache } from './agent-cache.ts';
import type { Transport, TransportRequest, TransportResponse } from './transport.ts';
import { endpointLabel } from './transport.ts';

export interface NodeHttpTransportOptions {
  readonly maxAgents?: number;
}

function networkError(req: TransportRequest, cause: unknown, reused = false): HushError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  return new HushError('HUSH_ERR_NETWORK', `${endpointLabel(req.endpoint)}: request failed${code === undefined ? '' : ` (${code})`}`, {
    details: { host: req.endpoint.host, port: req.endpoint.port, errno: code ?? null, reusedSocket: reused },
    cause,
  });
}

/** A kept-alive socket the server closed just as we reused it: the request never got there. */
function isStaleSocket(err: unknown): boolean {
  return err instanceof HushError && err.code === 'HUSH_ERR_NETWORK' && err.details['reusedSocket'] === true && err.details['errno'] === 'ECONNRESET';
}

function timeoutError(req: TransportRequest): HushError {
  return new HushError('HUSH_ERR_TIMEOUT', `${endpointLabel(req.endpoint)}: no answer within ${req.timeoutMs} ms`, {
    details: { host: req.endpoint.host, port: req.endpoint.port, timeoutMs: req.timeoutMs },
  });
}

function tooLarge(req: TransportRequest): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `${endpointLabel(req.endpoint)}: reply larger than ${req.maxResponseBytes} bytes`, {
    details: { field: 'body', max: req.maxResponseBytes },
  });
}

interface Settle {
  readonly ok: (response: TransportResponse) => void;
  readonly fail: (err: HushError) => void;
}

function readBody(req: TransportRequest, res: IncomingMessage, settle: Settle): void {
  const chunks: Buffer[] = [];
  let total = 0;
  res.on('data', (chunk: Buffer) => {
    total += chunk.length;
    if (total > req.maxResponseBytes) settle.fail(tooLarge(req));
    else chunks.push(chunk);
  });
  res.on('end', () => {
    const body = Buffer.concat(chunks);
    settle.ok({ status: res.statusCode ?? 0, body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) });
  });
  res.on('error', (err) => settle.fail(networkError(req, err)));
  res.on('close', () => {
    if (!res.complete) settle.fail(networkError(req, new Error('connection closed mid-reply')));
  });
}

function open(req: TransportRequest, agent: HttpAgent): ClientRequest {
  const { protocol, host, port } = req.endpoint;
  const headers = { 'content-type': req.contentType, 'content-length': String(req.body.length) };
  const make = protocol === 'https' ? httpsRequest : httpRequest;
  return make({ host, port, path: req.path, method: 'POST', headers, agent });
}

export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  const agents = createAgentCache(options.maxAgents ?? 256);
  function send(req: TransportRequest): Promise<TransportResponse> {
    return new Promise((resolve, reject) => {
      if (req.signal?.aborted) return reject(abortedError(req.signal, endpointLabel(req.endpoint)));
      const http = open(req, agents.get(req.endpoint));
      let settled = false;
      let answered = false;
      const done = (fn: () => void): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        req.signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const fail = (err: HushError): void => {
        done(() => reject(err));
        http.destroy();
      };
      const onAbort = (): void => fail(abortedError(req.signal, endpointLabel(req.endpoint)));
      const timer = setTimeout(() => fail(timeoutError(req)), req.timeoutMs);
      req.signal?.addEventListener('abort', onAbort, { once: true });
      http.on('response', (res) => {
        answered = true;
        readBody(req, res, { ok: (r) => done(() => resolve(r)), fail });
      });
      http.on('error', (err) => fail(networkError(req, err, !answered && http.reusedSocket)));
      // Without a reply yet a closed request is a failure; with one, the reply settles it.
      http.on('close', () => {
        if (!answered) fail(networkError(req, new Error('connection closed')));
      });
      http.end(req.body);
    });
  }
  return {
    // One retry when a kept-alive socket turned out closed (Node's documented keep-alive race).
    request: (req) => send(req).catch((err: unknown) => (isStaleSocket(err) ? send(req) : Promise.reject(err))),
    close: () => agents.destroyAll(),
  };
}
