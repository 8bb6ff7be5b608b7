/**
 * get_expiries (session-network.md §3.11; SS load(get_expiries)): current expiries of the listed
 * messages that exist. Signed "get_expiries" || timestamp || hashes…; not recursive; the result
 * has no t/hf.
 */
import { ACCESS } from '../auth/verify.ts';
import { getExpiriesSignedString } from '@hush/core';
import { clockError, withinTolerance, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { loadHashes } from './hashes.ts';
import { defineMethod } from './method.ts';
import { optTimestamp, required, type Params } from './params.ts';
import { ok, type RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface GetExpiriesRequest extends Signed {
  readonly messages: string[];
  readonly timestamp: number;
}

export function parseGetExpiries(p: Params): GetExpiriesRequest {
  const timestamp = optTimestamp(p, 'timestamp');
  const signed = loadSigned(p);
  return { ...signed, timestamp: required('timestamp', timestamp), messages: loadHashes(p) };
}

export async function handleGetExpiries(ctx: RpcContext, req: GetExpiriesRequest): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const now = ctx.clock();
  if (!withinTolerance(req.timestamp, now)) return clockError('get_expiries timestamp too far from current time', now);
  const message = getExpiriesSignedString({ timestamp: req.timestamp, messages: req.messages });
  const rejected = await verifyOr401(ctx, req, { message, access: ACCESS.read, label: 'get_expiries' });
  if (rejected !== null) return rejected;
  const expiries: { [hash: string]: number } = {};
  for (const [h, e] of ctx.store.getExpiries(req.account.bytes, req.messages, now)) expiries[h] = e;
  return ok({ expiries });
}

export const getExpiriesMethod = defineMethod({
  names: ['get_expiries'],
  recursive: false,
  parse: parseGetExpiries,
  handle: (ctx, req) => handleGetExpiries(ctx, req),
});
