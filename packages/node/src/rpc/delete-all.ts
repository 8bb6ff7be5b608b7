/**
 * delete_all (session-network.md §3.7; SS load(delete_all), process_client_req(delete_all)):
 * delete every message of the account in one namespace or "all". Signed "delete_all" || NS ||
 * timestamp; the timestamp must be within ±60 s (±70 s for a forwarded copy).
 */
import { ACCESS } from '../auth/verify.ts';
import { deleteAllResultSignedString, deleteAllSignedString } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { clockError, signResult, withinTolerance, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod, type RunMode } from './method.ts';
import { namespaceResult, namespaceSel } from './namespace-results.ts';
import { optNamespaceOrAll, optTimestamp, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import type { JsonObject, RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface DeleteAllRequest extends Signed {
  readonly namespace: number | 'all';
  readonly timestamp: number;
}

export function parseDeleteAll(p: Params): DeleteAllRequest {
  const namespace = optNamespaceOrAll(p, 'namespace') ?? 0;
  const timestamp = optTimestamp(p, 'timestamp');
  const signed = loadSigned(p);
  return { ...signed, namespace, timestamp: required('timestamp', timestamp) };
}

async function deleteLocally(ctx: RpcContext, req: DeleteAllRequest): Promise<JsonObject> {
  const op = { op: 'deleteAll', owner: req.account.bytes, namespace: namespaceSel(req.namespace), now: ctx.clock() } as const;
  const { affected } = await ctx.store.write(op);
  const result = namespaceResult(affected, req.namespace === 'all');
  const message = deleteAllResultSignedString({ pubkey: req.account.hex, timestamp: req.timestamp, deleted: result.sorted });
  return { deleted: result.value, signature: signResult(ctx, message) };
}

export async function handleDeleteAll(ctx: RpcContext, req: DeleteAllRequest, mode: RunMode): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const now = ctx.clock();
  const tolerance = mode.recurse ? LIMITS.signatureToleranceMs : LIMITS.signatureToleranceForwardedMs;
  if (!withinTolerance(req.timestamp, now, tolerance)) return clockError('delete_all timestamp too far from current time', now);
  const message = deleteAllSignedString({ namespace: req.namespace, timestamp: req.timestamp });
  const rejected = await verifyOr401(ctx, req, { message, access: ACCESS.delete, label: 'delete_all' });
  return rejected ?? runRecursive(ctx, mode, () => deleteLocally(ctx, req));
}

export const deleteAllMethod = defineMethod({ names: ['delete_all'], recursive: true, parse: parseDeleteAll, handle: handleDeleteAll });
