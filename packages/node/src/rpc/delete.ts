/**
 * delete (session-network.md §3.6; SS load(delete_msgs), process_client_req(delete_msgs)): delete
 * listed messages of the account. Signed "delete" || hashes… (no timestamp). Per-node result
 * `{"deleted": [sorted], "signature"}`; with `required: true` the answer is 404 when no member
 * deleted anything.
 */
import { ACCESS } from '../auth/verify.ts';
import { deleteResultSignedString, deleteSignedString } from '@hush/core';
import { byteSort, signResult, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { loadHashes } from './hashes.ts';
import { defineMethod, type RunMode } from './method.ts';
import { optBool, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import type { JsonObject, RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface DeleteRequest extends Signed {
  readonly messages: string[];
  readonly required: boolean;
}

export function parseDelete(p: Params): DeleteRequest {
  const required = optBool(p, 'required') ?? false;
  const signed = loadSigned(p);
  return { ...signed, messages: loadHashes(p), required };
}

function noneDeleted(swarm: JsonObject): boolean {
  return Object.values(swarm).every((r) => {
    const d = typeof r === 'object' && r !== null && !Array.isArray(r) ? r['deleted'] : undefined;
    return !Array.isArray(d) || d.length === 0;
  });
}

async function deleteLocally(ctx: RpcContext, req: DeleteRequest): Promise<JsonObject> {
  const { hashes } = await ctx.store.write({ op: 'deleteByHash', owner: req.account.bytes, hashes: req.messages, now: ctx.clock() });
  const deleted = byteSort(hashes);
  const message = deleteResultSignedString({ pubkey: req.account.hex, requested: req.messages, deleted });
  return { deleted, signature: signResult(ctx, message) };
}

export async function handleDelete(ctx: RpcContext, req: DeleteRequest, mode: RunMode): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const rejected = await verifyOr401(ctx, req, { message: deleteSignedString({ messages: req.messages }), access: ACCESS.delete, label: 'delete_msgs' });
  if (rejected !== null) return rejected;
  const res = await runRecursive(ctx, mode, () => deleteLocally(ctx, req));
  if (!req.required || res.status !== 200 || typeof res.body === 'string') return res;
  const swarm = mode.recurse ? res.body['swarm'] : { self: res.body };
  return typeof swarm === 'object' && swarm !== null && !Array.isArray(swarm) && noneDeleted(swarm) ? { ...res, status: 404 } : res;
}

export const deleteMethod = defineMethod({ names: ['delete'], recursive: true, parse: parseDelete, handle: handleDelete });
