/**
 * Running a recursive (swarm-wide) request (session-network.md §3.0, §6.4; SS request_handler.cpp
 * setup_recursive_request, distribute_command, reply_or_fail). The caller has already checked the
 * request (swarm, clock, signature). Then, as the entry node: fan out to every peer first, apply
 * locally, wait for every peer (5 s timeout each), and answer
 * `{"swarm": {<ed25519 hex>: <result>...}, "t", "hf"}` — 200 if any member succeeded, else 500.
 * A forwarded copy answers its own result at top level.
 */
import type { RpcContext } from './context.ts';
import type { RunMode } from './method.ts';
import { withMisc } from './common.ts';
import type { JsonObject, RpcResponse } from './response.ts';

export interface RecursiveOptions {
  /** Adds entry-node extras (store: `hash` at top level and `t` inside our own entry). */
  readonly entryExtras?: (mine: JsonObject, outer: JsonObject, now: number) => void;
  /** Final status rule (delete with `required`); default: 200 if any member succeeded, else 500. */
  readonly status?: (swarm: JsonObject) => number;
}

function anySucceeded(swarm: JsonObject): boolean {
  return Object.values(swarm).some((r) => typeof r !== 'object' || r === null || Array.isArray(r) || r['failed'] === undefined);
}

async function applyLocally(ctx: RpcContext, mode: RunMode, local: () => Promise<JsonObject>): Promise<JsonObject> {
  try {
    return await local();
  } catch (err) {
    ctx.logger.error('local_apply_failed', { method: mode.method, error: err });
    return { failed: true, query_failure: true };
  }
}

export async function runRecursive(
  ctx: RpcContext,
  mode: RunMode,
  local: () => Promise<JsonObject>,
  options: RecursiveOptions = {},
): Promise<RpcResponse> {
  const peers = mode.recurse ? ctx.fanout(mode.method, mode.params) : undefined;
  const mine = await applyLocally(ctx, mode, local);
  if (peers === undefined) return { status: 200, body: mine };
  const swarm: JsonObject = { [ctx.identity.ed25519Hex]: mine };
  for (const [pk, result] of await peers) swarm[pk] = result;
  const now = ctx.clock();
  const outer: JsonObject = { swarm };
  options.entryExtras?.(mine, outer, now);
  withMisc(ctx, outer, now);
  const status = options.status?.(swarm) ?? (anySucceeded(swarm) ? 200 : 500);
  return { status, body: outer };
}
