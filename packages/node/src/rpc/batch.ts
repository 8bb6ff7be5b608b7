/**
 * batch and sequence (session-network.md §3.13; SS batch::load_from, process_client_req(batch /
 * sequence)): 1–20 sub-requests (no meta-requests), each with its own auth, answered 200
 * `{"results": [{"code", "body"}...]}` in request order. batch runs them concurrently; sequence
 * runs them in order and stops after the first non-2xx. A malformed sub-request makes the whole
 * request 400.
 */
import { LIMITS } from '../limits.ts';
import { defineMethod, type Loaded, type ParseEnv } from './method.ts';
import { field, type Params } from './params.ts';
import { ok, RpcParseError, type JsonObject } from './response.ts';
import { loadSubrequest, runSubrequest } from './subrequest.ts';

export function parseBatch(p: Params, env: ParseEnv): Loaded[] {
  const requests = field(p, 'requests');
  if (!Array.isArray(requests) || requests.length === 0) throw new RpcParseError('Invalid batch request: no valid "requests" field');
  if (requests.length > LIMITS.batchMaxSubrequests) throw new RpcParseError('Invalid batch request: subrequest limit exceeded');
  return requests.map((r: unknown) => {
    if (!(typeof r === 'object' && r !== null && !Array.isArray(r))) throw new RpcParseError('Invalid batch request: requests must be objects');
    return loadSubrequest(r, env, {
      shape: 'Invalid batch request: subrequests must have method/params keys',
      unknown: (m) => `Invalid batch subrequest: invalid method "${m.slice(0, 100)}"`,
      meta: 'Invalid batch subrequest: subrequests may not contain meta-requests',
    });
  });
}

const is2xx = (code: unknown): boolean => typeof code === 'number' && code >= 200 && code <= 299;

export const batchMethod = defineMethod({
  names: ['batch'],
  recursive: false,
  meta: true,
  parse: parseBatch,
  handle: async (ctx, subs) => ok({ results: await Promise.all(subs.map((s) => runSubrequest(ctx, s, true))) }),
});

export const sequenceMethod = defineMethod({
  names: ['sequence'],
  recursive: false,
  meta: true,
  parse: parseBatch,
  handle: async (ctx, subs) => {
    const results: JsonObject[] = [];
    for (const s of subs) {
      const r = await runSubrequest(ctx, s, true);
      results.push(r);
      if (!is2xx(r['code'])) break;
    }
    return ok({ results });
  },
});
