/**
 * oxend_request (session-network.md §3.5): `get_service_nodes` (and `ons_resolve`) forwarded to
 * the registry, which stands in for oxend. Success: `{"result": <registry JSON>, "t", "hf"}`;
 * a registry error is 400 with its message, unparsable registry output 502.
 */
import { defineMethod } from './method.ts';
import { field, isPlainObject, optString, required, type Params } from './params.ts';
import { RpcParseError, type JsonObject } from './response.ts';

const ALLOWED = new Set(['get_service_nodes', 'ons_resolve']);

export interface OxendRequest {
  readonly endpoint: string;
  readonly params: JsonObject | null;
}

export function parseOxendRequest(p: Params): OxendRequest {
  const endpoint = required('endpoint', optString(p, 'endpoint'));
  if (!ALLOWED.has(endpoint)) throw new RpcParseError(`Invalid oxend endpoint '${endpoint}'`);
  const params = field(p, 'params');
  if (params !== undefined && !isPlainObject(params)) throw new RpcParseError("Invalid value given for 'params': expected object");
  return { endpoint, params: params === undefined ? null : (params as JsonObject) };
}

export const oxendRequestMethod = defineMethod({
  names: ['oxend_request'],
  recursive: false,
  parse: parseOxendRequest,
  handle: (ctx, req) => ctx.oxend(req.endpoint, req.params),
});
