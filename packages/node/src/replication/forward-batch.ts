/**
 * The wire of a forwarded batch (Hush node to Hush node; Session nodes talk to each other over
 * OxenMQ, not HTTPS, so this is ours): the recursive requests an entry node fans out during one
 * event-loop turn go to each peer as ONE signed request, `POST /swarm_rpc_batch/v1`
 *   {"requests": [{"method": "store", "params": {...}}, ...]}     (1 … forwardBatchMax entries)
 * answered 200 with one result per request, in order:
 *   {"results": [{"status": 200, "body": {...}}, {"status": 406, "body": "Timestamp error..."}]}
 * — each exactly what /swarm_rpc/v1 would have answered to that request alone. One TLS exchange,
 * one node signature and one verify per batch instead of per request. Pure: bytes in, values out.
 */
import { LIMITS } from '../limits.ts';
import type { Envelope } from '../rpc/dispatch.ts';
import { isPlainObject } from '../rpc/params.ts';
import type { Json, JsonObject, RpcResponse } from '../rpc/response.ts';

export const SWARM_RPC_BATCH_PATH = '/swarm_rpc_batch/v1';

const OPEN = Buffer.from('{"requests":[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']}');

export interface BatchResult {
  readonly status: number;
  readonly body: JsonObject | string;
}

/** The batch body from requests already encoded alone (each the JSON `{"method","params"}` /swarm_rpc/v1 would carry). */
export function encodeForwardBatch(bodies: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [OPEN];
  bodies.forEach((b, i) => {
    if (i > 0) parts.push(COMMA);
    parts.push(b);
  });
  parts.push(CLOSE);
  return Buffer.concat(parts);
}

/** The requests of a batch body, or the reason it is malformed (answered 400). */
export function parseForwardBatch(text: string): Envelope[] | string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return 'invalid json';
  }
  const requests = isPlainObject(body) ? body['requests'] : undefined;
  if (!Array.isArray(requests)) return 'invalid batch: no `requests` array';
  if (requests.length === 0 || requests.length > LIMITS.forwardBatchMax) return `invalid batch: 1 to ${LIMITS.forwardBatchMax} requests`;
  const out: Envelope[] = [];
  for (const [i, r] of requests.entries()) {
    if (!isPlainObject(r) || typeof r['method'] !== 'string' || !isPlainObject(r['params'])) return `invalid batch: request ${i} needs a string \`method\` and an object \`params\``;
    out.push({ method: r['method'], params: r['params'] as Record<string, unknown> });
  }
  return out;
}

export function batchResultsBody(responses: readonly RpcResponse[]): JsonObject {
  return { results: responses.map((r): Json => ({ status: r.status, body: r.body })) };
}

/** The results of a batch reply for `count` requests, or null when the reply is not that. */
export function parseBatchResults(text: string, count: number): BatchResult[] | null {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const results = isPlainObject(body) ? body['results'] : undefined;
  if (!Array.isArray(results) || results.length !== count) return null;
  const out: BatchResult[] = [];
  for (const r of results) {
    if (!isPlainObject(r) || !Number.isInteger(r['status'])) return null;
    const b = r['body'];
    if (typeof b !== 'string' && !isPlainObject(b)) return null;
    out.push({ status: r['status'] as number, body: b as JsonObject | string });
  }
  return out;
}
