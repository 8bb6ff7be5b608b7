/**
 * The registry's HTTP routes (registry contract): `POST /announce`, `POST /json_rpc`,
 * `GET /healthz`. Every body is bounded and parsed from `unknown`; errors are answered with the
 * status the contract names and a message naming the bad field.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HushError, isHushError } from '@hush/core';
import { swarmHex } from './block-hash.ts';
import { stringifyWithBigInt } from './json-with-bigint.ts';
import { MAX_BODY_BYTES } from './limits.ts';
import type { Logger } from './logger.ts';
import { parseAnnounce } from './parse-announce.ts';
import { parseListRequest, rpcIdOf } from './parse-rpc.ts';
import { buildServiceNodeList, type RandomIndex } from './service-node-list.ts';
import type { RegistryState } from './state.ts';
import { readBody } from './read-body.ts';
import { verifyAnnounce } from './verify-announce.ts';

export interface HandlerComponents {
  readonly state: RegistryState;
  readonly clock: () => number;
  readonly randomIndex: RandomIndex;
  readonly logger: Logger;
  /** Called after a request changed the state (a new block). */
  readonly onChange: () => void;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

function send(res: ServerResponse, status: number, body: string, type: 'text/plain' | 'application/json'): void {
  res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

/** HTTP status for a failure while handling a request. */
function statusOf(err: unknown): number {
  if (!isHushError(err)) return 500;
  if (err.code === 'HUSH_ERR_BAD_SIGNATURE') return 401;
  if (err.code === 'HUSH_ERR_TOO_LARGE') return err.details['field'] === 'body' ? 413 : 503;
  return 400;
}

function messageOf(err: unknown): string {
  return isHushError(err) ? err.message : 'internal error';
}

/** JSON-RPC 2.0 error codes: parse error, method not found, invalid params. */
function rpcErrorCode(err: unknown): number {
  if (isHushError(err, 'HUSH_ERR_BAD_JSON')) return -32700;
  if (isHushError(err) && err.details['field'] === 'method') return -32601;
  return -32602;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const raw = await readBody(req, MAX_BODY_BYTES);
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', 'body: not valid JSON', { details: { field: 'body' }, cause });
  }
}

function announceHandler(c: HandlerComponents): Handler {
  return async (req, res) => {
    const request = parseAnnounce(await readJson(req));
    const now = c.clock();
    verifyAnnounce(request, now);
    const before = c.state.snapshot().height;
    const result = c.state.announce(request, now);
    if (result.height !== before) c.onChange();
    const reply = { ok: true, height: result.height, swarm: swarmHex(result.swarmId) };
    send(res, 200, JSON.stringify(reply), 'application/json');
  };
}

function rpcHandler(c: HandlerComponents): Handler {
  return async (req, res) => {
    let body: unknown;
    try {
      body = await readJson(req);
      const request = parseListRequest(body);
      const result = buildServiceNodeList(c.state.snapshot(), request, c.randomIndex);
      send(res, 200, stringifyWithBigInt({ jsonrpc: '2.0', id: request.id, result }), 'application/json');
    } catch (err) {
      const status = statusOf(err);
      if (status === 500) throw err;
      if (status === 413) res.setHeader('connection', 'close');
      const reply = { jsonrpc: '2.0', id: rpcIdOf(body), error: { code: rpcErrorCode(err), message: messageOf(err) } };
      send(res, status, JSON.stringify(reply), 'application/json');
    }
  };
}

const healthHandler: Handler = async (_req, res) => {
  send(res, 200, 'ok', 'text/plain');
};

function route(c: HandlerComponents): Map<string, { method: string; handler: Handler }> {
  return new Map([
    ['/announce', { method: 'POST', handler: announceHandler(c) }],
    ['/json_rpc', { method: 'POST', handler: rpcHandler(c) }],
    ['/healthz', { method: 'GET', handler: healthHandler }],
  ]);
}

function fail(c: HandlerComponents, res: ServerResponse, err: unknown): void {
  const status = statusOf(err);
  if (status === 500) c.logger.error('request failed', { error: String(err) });
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (status === 413) res.setHeader('connection', 'close');
  send(res, status, `${messageOf(err)}\n`, 'text/plain');
}

export function createRequestHandler(c: HandlerComponents): (req: IncomingMessage, res: ServerResponse) => void {
  const routes = route(c);
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const entry = routes.get(path);
    if (entry === undefined) return send(res, 404, `${req.method ?? ''} ${path} Not Found\n`, 'text/plain');
    if (req.method !== entry.method) {
      res.setHeader('allow', entry.method);
      return send(res, 405, `${req.method ?? ''} ${path}: use ${entry.method}\n`, 'text/plain');
    }
    entry.handler(req, res).catch((err: unknown) => fail(c, res, err));
  };
}
