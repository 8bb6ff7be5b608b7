/**
 * From request bytes to a response (SS RequestHandler::process_client_req(string_view)):
 * "invalid json" / "invalid json: no `method` field" / "invalid json: no `params` field" / "no
 * method <name>" / "invalid request: <parse error>" are 400; an unexpected exception is 500
 * "request failed". Forwarded (swarm) requests must be recursive methods and are not re-fanned.
 */
import type { RpcContext } from './context.ts';
import type { Loaded } from './method.ts';
import { lookupMethod } from './methods.ts';
import { isPlainObject } from './params.ts';
import { fail, RpcParseError, type RpcResponse } from './response.ts';

export type Origin = 'client' | 'forwarded';

/** A request as parsed: `{"method", "params"}` (alone, or one entry of a forwarded batch). */
export interface Envelope {
  readonly method: string;
  readonly params: Record<string, unknown>;
}

/** The parsed envelope, or the 400 response. */
export function parseEnvelope(text: string): Envelope | RpcResponse {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return fail(400, 'invalid json');
  }
  if (!isPlainObject(body) || typeof body['method'] !== 'string') return fail(400, 'invalid json: no `method` field');
  const params = body['params'];
  if (!isPlainObject(params)) return fail(400, 'invalid json: no `params` field');
  return { method: body['method'], params };
}

export function loadRequest(method: string, params: Record<string, unknown>): Loaded | RpcResponse {
  const spec = lookupMethod(method);
  if (spec === undefined) return fail(400, `no method ${method.slice(0, 200)}`);
  try {
    return spec.load(params, { lookup: lookupMethod, depth: 0 });
  } catch (err) {
    if (err instanceof RpcParseError) return fail(400, `invalid request: ${err.message}`);
    throw err;
  }
}

function isResponse(v: unknown): v is RpcResponse {
  return typeof v === 'object' && v !== null && 'status' in v && 'body' in v;
}

export interface RpcOutcome {
  /** The method named in the request, or "-" when there was none (for metrics and logs). */
  readonly method: string;
  readonly response: RpcResponse;
}

/** Runs the request in `text`; never throws. */
export async function processRequest(ctx: RpcContext, text: string, origin: Origin): Promise<RpcOutcome> {
  const env = parseEnvelope(text);
  if (isResponse(env)) return { method: '-', response: env };
  return processEnvelope(ctx, env, origin);
}

/** Runs a parsed request (one entry of a forwarded batch, or processRequest's); never throws. */
export async function processEnvelope(ctx: RpcContext, env: Envelope, origin: Origin): Promise<RpcOutcome> {
  let method = '-';
  try {
    method = lookupMethod(env.method)?.names[0] ?? 'unknown';
    const loaded = loadRequest(env.method, env.params);
    if (isResponse(loaded)) return { method, response: loaded };
    if (origin === 'forwarded' && !loaded.recursive) {
      return { method, response: fail(400, 'invalid request: received invalid forwarded non-forwardable request') };
    }
    return { method, response: await loaded.run(ctx, origin === 'client') };
  } catch (err) {
    ctx.logger.error('request_failed', { method, error: err });
    return { method, response: fail(500, 'request failed') };
  }
}
