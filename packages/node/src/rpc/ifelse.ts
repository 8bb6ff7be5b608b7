/**
 * ifelse (session-network.md §3.14; SS ifelse::load_from, process_client_req(ifelse)): run `then`
 * or `else` depending on ANDed conditions over the hardfork, the storage-server version and the
 * block height. Answer `{"hf", "v", "height", "condition", "result"?: {"code", "body"}}`.
 */
import { LIMITS } from '../limits.ts';
import type { RpcContext } from './context.ts';
import { STORAGE_SERVER_VERSION } from './info.ts';
import { defineMethod, type Loaded, type ParseEnv } from './method.ts';
import { field, isPlainObject, optInt, type Params } from './params.ts';
import { ok, RpcParseError, type JsonObject } from './response.ts';
import { loadSubrequest, runSubrequest } from './subrequest.ts';

interface Conditions {
  readonly hfAtLeast?: number[];
  readonly hfBefore?: number[];
  readonly vAtLeast?: number[];
  readonly vBefore?: number[];
  readonly heightAtLeast?: number;
  readonly heightBefore?: number;
}

export interface IfElseRequest {
  readonly conditions: Conditions;
  readonly then: Loaded | null;
  readonly otherwise: Loaded | null;
}

/** An int list (or single int) padded/truncated to `n` (SS to_fixed_array); empty → undefined. */
function fixedList(p: Params, name: string, n: number): number[] | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'number' && Number.isSafeInteger(x))) {
    throw new RpcParseError(`Invalid value given for '${name}': expected integer array`);
  }
  if (list.length === 0) return undefined;
  return Array.from({ length: n }, (_, i) => (list[i] as number | undefined) ?? 0);
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
}

function parseConditions(p: Params): Conditions {
  const found: Record<string, number | number[] | undefined> = {
    heightAtLeast: optInt(p, 'height_at_least'),
    heightBefore: optInt(p, 'height_before'),
    hfAtLeast: fixedList(p, 'hf_at_least', 2),
    hfBefore: fixedList(p, 'hf_before', 2),
    vAtLeast: fixedList(p, 'v_at_least', 3),
    vBefore: fixedList(p, 'v_before', 3),
  };
  const c = Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) as Conditions;
  if (Object.keys(c).length === 0) throw new RpcParseError('Invalid ifelse request: must specify at least one "if" condition');
  return c;
}

function loadBranch(p: Params, key: 'then' | 'else', env: ParseEnv): Loaded | null {
  const v = field(p, key);
  if (v === undefined) return null;
  if (!isPlainObject(v)) throw new RpcParseError(`Invalid ifelse request: ${key} must be an object`);
  return loadSubrequest(v, env, {
    shape: `Invalid ifelse request: ${key} must have method/params keys`,
    unknown: () => `Invalid ifelse request method "${key}"`,
  });
}

export function parseIfElse(p: Params, env: ParseEnv): IfElseRequest {
  if (env.depth >= LIMITS.maxIfElseDepth) throw new RpcParseError('Invalid ifelse request: nested too deeply');
  const cond = field(p, 'if');
  if (!isPlainObject(cond)) throw new RpcParseError('Invalid ifelse request: no valid "if" field');
  const conditions = parseConditions(cond);
  const then = loadBranch(p, 'then', env);
  const otherwise = loadBranch(p, 'else', env);
  if (then === null && otherwise === null) throw new RpcParseError('Invalid ifelse request: at least one of "then"/"else" required');
  return { conditions, then, otherwise };
}

function evaluate(c: Conditions, hf: readonly number[], height: number): boolean {
  const v = STORAGE_SERVER_VERSION;
  return (
    (c.hfAtLeast === undefined || compare(hf, c.hfAtLeast) >= 0) &&
    (c.hfBefore === undefined || compare(hf, c.hfBefore) < 0) &&
    (c.vAtLeast === undefined || compare(v, c.vAtLeast) >= 0) &&
    (c.vBefore === undefined || compare(v, c.vBefore) < 0) &&
    (c.heightAtLeast === undefined || height >= c.heightAtLeast) &&
    (c.heightBefore === undefined || height < c.heightBefore)
  );
}

async function handleIfElse(ctx: RpcContext, req: IfElseRequest): Promise<ReturnType<typeof ok>> {
  const hf = ctx.swarm.hf();
  const height = ctx.swarm.height();
  const condition = evaluate(req.conditions, hf, height);
  const body: JsonObject = { hf, v: [...STORAGE_SERVER_VERSION], height, condition };
  const branch = condition ? req.then : req.otherwise;
  if (branch !== null) body['result'] = await runSubrequest(ctx, branch, true);
  return ok(body);
}

export const ifElseMethod = defineMethod({ names: ['ifelse'], recursive: false, meta: true, parse: parseIfElse, handle: handleIfElse });
