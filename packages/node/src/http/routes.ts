/**
 * The node's HTTPS routes (session-network.md §2.1; SS server/https.cpp):
 *   POST /storage_rpc/v1  client storage RPC (ready check, IPv4 only, per-IP rate limit, 10 MiB)
 *   POST /onion_req/v2    onion hop (ready check, 10 MiB, not rate limited: SS does not)
 *   POST /swarm_rpc/v1    forwarded recursive requests from swarm peers (node-signed)
 *   POST /swarm_rpc_batch/v1  several of those in one node-signed request (replication/forward-batch.ts)
 *   POST /swarm_push/v1   bulk pushes on swarm changes (node-signed)
 *   POST /ping_test/v1    reachability: 200 with X-Oxen-Snode-Pubkey
 *   GET  /get_stats/v1    {"version": "2.8.0"} (deprecated in SS, kept)
 * anything else → 404 "<METHOD> <URL> Not Found".
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toBase64 } from '@hush/core';
import type { NodeIdentity } from '../identity.ts';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import { verifyNodeRequest } from '../replication/node-auth.ts';
import type { RpcContext } from '../rpc/context.ts';
import { processEnvelope, processRequest, type Origin } from '../rpc/dispatch.ts';
import { batchResultsBody, parseForwardBatch, SWARM_RPC_BATCH_PATH } from '../replication/forward-batch.ts';
import { STATUS_TEXT, type RpcResponse } from '../rpc/response.ts';
import { BodyError, readBody } from './body-reader.ts';
import { clientIpv4 } from './client-ip.ts';
import type { OnionHandler } from '../onion/onion-handler.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { send, sendBytes, sendText } from './respond.ts';

export interface RouteDeps {
  readonly ctx: RpcContext;
  readonly identity: NodeIdentity;
  readonly rateLimiter: RateLimiter;
  readonly notReadyReason: () => string | null;
  readonly isKnownNode: (ed25519Hex: string) => boolean;
  readonly receivePush: (body: string, sender: string) => Promise<RpcResponse>;
  readonly onion: OnionHandler;
  readonly metrics: NodeMetrics;
  readonly logger: Logger;
  readonly clock: () => number;
}

function reason(status: number): string {
  return `${STATUS_TEXT[status] ?? 'Error'}\n`;
}

/** Reads the body; on failure answers (413/400, closing the connection) and returns null. */
async function body(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer | null> {
  try {
    return await readBody(req, limit);
  } catch (err) {
    const status = err instanceof BodyError ? err.status : 400;
    sendText(res, status, err instanceof BodyError ? err.message : 'bad request body', true);
    res.once('finish', () => req.socket.end());
    return null;
  }
}

/** Bodies larger than this are not drained after an early answer: the connection is closed. */
const DRAIN_LIMIT = 64 * 1024;

/** An answer before the body was read: small bodies are drained (keep-alive), large ones cut off. */
function early(req: IncomingMessage, res: ServerResponse, status: number, text: string): void {
  const length = Number(req.headers['content-length'] ?? 0);
  const large = req.headers['transfer-encoding'] !== undefined || !(length <= DRAIN_LIMIT);
  sendText(res, status, text, large && !req.readableEnded);
}

function notReady(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): boolean {
  const why = deps.notReadyReason();
  if (why === null) return false;
  early(req, res, 503, `Service node is not ready: ${why}\n`);
  return true;
}

async function runRpc(deps: RouteDeps, res: ServerResponse, text: string, origin: Origin): Promise<void> {
  const started = performance.now();
  const { method, response } = await processRequest(deps.ctx, text, origin);
  deps.metrics.requests.inc({ method, status: String(response.status), origin });
  send(res, response);
  deps.logger.debug('rpc', { method, origin, status: response.status, ms: Math.round((performance.now() - started) * 10) / 10 });
}

async function storageRpc(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (notReady(deps, req, res)) return;
  const ip = clientIpv4(req.socket.remoteAddress);
  if (ip === null) return early(req, res, 400, reason(400));
  if (deps.rateLimiter.shouldLimit(ip)) {
    deps.metrics.rateLimited.inc();
    return early(req, res, 429, reason(429));
  }
  if (req.headers['x-loki-long-poll'] !== undefined) return early(req, res, 410, 'long polling is no longer supported, client upgrade required');
  const buf = await body(req, res, LIMITS.maxRequestBodyBytes);
  if (buf !== null) await runRpc(deps, res, buf.toString('utf8'), 'client');
}

async function onionRoute(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (notReady(deps, req, res)) return deps.metrics.onionRequests.inc({ outcome: 'not_ready' });
  const buf = await body(req, res, LIMITS.maxRequestBodyBytes);
  if (buf === null) return deps.metrics.onionRequests.inc({ outcome: 'bad_body' });
  const reply = await deps.onion.handle(buf, req.socket.remoteAddress ?? null);
  sendBytes(res, reply.status, reply.body, reply.contentType);
}

/** Node-signed routes: authenticate the sender before doing anything with the body. */
async function nodeRoute(deps: RouteDeps, req: IncomingMessage, res: ServerResponse, push: boolean): Promise<void> {
  const buf = await body(req, res, push ? LIMITS.maxPushBodyBytes : LIMITS.maxRequestBodyBytes);
  if (buf === null) return;
  const auth = verifyNodeRequest(req.headers, buf, deps.clock(), LIMITS.nodeAuthToleranceMs, deps.isKnownNode);
  if (!auth.ok) {
    deps.logger.warn('node_auth_failed', { path: req.url, reason: auth.reason, remote: req.socket.remoteAddress });
    return sendText(res, 401, auth.reason);
  }
  if (push) return send(res, await deps.receivePush(buf.toString('utf8'), auth.sender));
  if (notReady(deps, req, res)) return;
  await runRpc(deps, res, buf.toString('utf8'), 'forwarded');
}

/** A forwarded batch: authenticated once, its requests run together (their stores share group commits), one result each, in order. */
async function forwardedBatch(deps: RouteDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const buf = await body(req, res, LIMITS.maxRequestBodyBytes);
  if (buf === null) return;
  const auth = verifyNodeRequest(req.headers, buf, deps.clock(), LIMITS.nodeAuthToleranceMs, deps.isKnownNode);
  if (!auth.ok) {
    deps.logger.warn('node_auth_failed', { path: req.url, reason: auth.reason, remote: req.socket.remoteAddress });
    return sendText(res, 401, auth.reason);
  }
  if (notReady(deps, req, res)) return;
  const requests = parseForwardBatch(buf.toString('utf8'));
  if (typeof requests === 'string') return sendText(res, 400, requests);
  const outcomes = await Promise.all(requests.map((env) => processEnvelope(deps.ctx, env, 'forwarded')));
  for (const { method, response } of outcomes) deps.metrics.requests.inc({ method, status: String(response.status), origin: 'forwarded' });
  send(res, { status: 200, body: batchResultsBody(outcomes.map((o) => o.response)) });
}

export function createRouter(deps: RouteDeps): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const route = `${req.method ?? ''} ${query < 0 ? url : url.slice(0, query)}`;
    switch (route) {
      case 'POST /storage_rpc/v1':
        return storageRpc(deps, req, res);
      case 'POST /onion_req/v2':
        return onionRoute(deps, req, res);
      case 'POST /swarm_rpc/v1':
        return nodeRoute(deps, req, res, false);
      case `POST ${SWARM_RPC_BATCH_PATH}`:
        return forwardedBatch(deps, req, res);
      case 'POST /swarm_push/v1':
        return nodeRoute(deps, req, res, true);
      case 'POST /ping_test/v1':
        return send(res, { status: 200, body: '', headers: { 'X-Oxen-Snode-Pubkey': toBase64(deps.identity.ed25519Pk) } });
      case 'GET /get_stats/v1':
        return send(res, { status: 200, body: { version: '2.8.0' } });
      default:
        return early(req, res, 404, `${req.method ?? ''} ${(req.url ?? '').slice(0, 200)} Not Found`);
    }
  };
}
