/**
 * delete_before (session-network.md §3.8; SS load(delete_before), process_client_req
 * (delete_before)): delete the account's messages stored with timestamp <= `before` (one
 * namespace or "all"). `before` more than 60 s ahead is 401. Signed "delete_before" || NS || before.
 */
import { ACCESS } from '../auth/verify.ts';
import { deleteBeforeResultSignedString, deleteBeforeSignedString } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { signResult, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod, type RunMode } from './method.ts';
import { namespaceResult, namespaceSel } from './namespace-results.ts';
import { optNamespaceOrAll, optTimestamp, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import { fail, type JsonObject, type RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface DeleteBeforeRequest extends Signed {
  readonly namespace: number | 'all';
  readonly before: number;
}

export function parseDeleteBefore(p: Params): DeleteBeforeRequest {
  const before = optTimestamp(p, 'before');
  const namespace = optNamespaceOrAll(p, 'namespace') ?? 0;
  const signed = loadSigned(p);
  return { ...signed, namespace, before: required('before', before) };
}

async function deleteLocally(ctx: RpcContext, req: DeleteBeforeRequest): Promise<JsonObject> {
  const op = { op: 'deleteBefore', owner: req.account.bytes, namespace: namespaceSel(req.namespace), before: req.before, now: ctx.clock() } as const;
  const { affected } = await ctx.store.write(op);
  const result = namespaceResult(affected, req.namespace === 'all');
  const message = deleteBeforeResultSignedString({ pubkey: req.account.hex, before: req.before, deleted: result.sorted });
  return { deleted: result.value, signature: signResult(ctx, message) };
}

export async function handleDeleteBefore(ctx: RpcContext, req: DeleteBeforeRequest, mode: RunMode): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  if (req.before > ctx.clock() + LIMITS.deleteBeforeFutureMs) return fail(401, 'delete_before timestamp too far in the future');
  const message = deleteBeforeSignedString({ namespace: req.namespace, before: req.before });
  const rejected = await verifyOr401(ctx, req, { message, access: ACCESS.delete, label: 'delete_before' });
  return rejected ?? runRecursive(ctx, mode, () => deleteLocally(ctx, req));
}

export const deleteBeforeMethod = defineMethod({
  names: ['delete_before'],
  recursive: true,
  parse: parseDeleteBefore,
  handle: handleDeleteBefore,
});
