/**
 * Loading and running the sub-requests of batch, sequence and ifelse: `{"method", "params"}`
 * objects; results are `{"code": <status>, "body": <JSON or text>}`.
 */
import type { RpcContext } from './context.ts';
import type { Loaded, ParseEnv } from './method.ts';
import { isPlainObject } from './params.ts';
import { RpcParseError, type JsonObject } from './response.ts';

export interface SubrequestErrors {
  readonly shape: string;
  readonly unknown: (method: string) => string;
  /** Set when meta-requests (batch/sequence/ifelse) are not allowed here. */
  readonly meta?: string;
}

export function loadSubrequest(value: unknown, env: ParseEnv, errors: SubrequestErrors): Loaded {
  if (!isPlainObject(value)) throw new RpcParseError(errors.shape);
  const method = value['method'];
  const params = value['params'];
  if (typeof method !== 'string' || !isPlainObject(params)) throw new RpcParseError(errors.shape);
  const spec = env.lookup(method);
  if (spec === undefined) throw new RpcParseError(errors.unknown(method));
  if (spec.meta && errors.meta !== undefined) throw new RpcParseError(errors.meta);
  return spec.load(params, { lookup: env.lookup, depth: env.depth + 1 });
}

/** Runs one sub-request; an unexpected exception becomes a 500 result. */
export async function runSubrequest(ctx: RpcContext, sub: Loaded, recurse: boolean): Promise<JsonObject> {
  try {
    const r = await sub.run(ctx, recurse);
    return { code: r.status, body: r.body };
  } catch (err) {
    ctx.logger.error('subrequest_failed', { method: sub.method, error: err });
    return { code: 500, body: 'request failed' };
  }
}
