/**
 * expire_all (session-network.md §3.9; SS load(expire_all), process_client_req(expire_all)):
 * shorten every expiry of the account later than `expiry` (one namespace or "all"). `expiry`
 * more than 60 s (70 s forwarded) in the past is 406. Signed "expire_all" || NS || expiry.
 */
import { ACCESS } from '../auth/verify.ts';
import { expireAllResultSignedString, expireAllSignedString } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { clockError, signResult, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod, type RunMode } from './method.ts';
import { namespaceResult, namespaceSel } from './namespace-results.ts';
import { optNamespaceOrAll, optTimestamp, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import type { JsonObject, RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface ExpireAllRequest extends Signed {
  readonly namespace: number | 'all';
  readonly expiry: number;
}

export function parseExpireAll(p: Params): ExpireAllRequest {
  const expiry = optTimestamp(p, 'expiry');
  const namespace = optNamespaceOrAll(p, 'namespace') ?? 0;
  const signed = loadSigned(p);
  return { ...signed, namespace, expiry: required('expiry', expiry) };
}

async function expireLocally(ctx: RpcContext, req: ExpireAllRequest): Promise<JsonObject> {
  const op = { op: 'updateAllExpiries', owner: req.account.bytes, namespace: namespaceSel(req.namespace), expiry: req.expiry, now: ctx.clock() } as const;
  const { affected } = await ctx.store.write(op);
  const result = namespaceResult(affected, req.namespace === 'all');
  const message = expireAllResultSignedString({ pubkey: req.account.hex, expiry: req.expiry, updated: result.sorted });
  return { updated: result.value, signature: signResult(ctx, message) };
}

export async function handleExpireAll(ctx: RpcContext, req: ExpireAllRequest, mode: RunMode): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const now = ctx.clock();
  const tolerance = mode.recurse ? LIMITS.signatureToleranceMs : LIMITS.signatureToleranceForwardedMs;
  if (req.expiry < now - tolerance) return clockError('expire_all timestamp should be >= current time', now);
  const message = expireAllSignedString({ namespace: req.namespace, expiry: req.expiry });
  const rejected = await verifyOr401(ctx, req, { message, access: ACCESS.delete, label: 'expire_all' });
  return rejected ?? runRecursive(ctx, mode, () => expireLocally(ctx, req));
}

export const expireAllMethod = defineMethod({ names: ['expire_all'], recursive: true, parse: parseExpireAll, handle: handleExpireAll });
