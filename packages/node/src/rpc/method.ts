/**
 * The shape of one RPC method: `parse` turns raw params into a typed request (throwing
 * RpcParseError naming the field), `handle` runs it. `defineMethod` erases the request type
 * behind a closure so methods of different types share one table.
 */
import type { RpcContext } from './context.ts';
import type { Params } from './params.ts';
import type { RpcResponse } from './response.ts';

/** How a request is being run: `recurse` = we are the entry node and must fan out. */
export interface RunMode {
  readonly recurse: boolean;
  /** Canonical method name (what peers receive). */
  readonly method: string;
  /** The params as received (forwarded verbatim: signatures cover them). */
  readonly params: Params;
}

/** A parsed request ready to run. */
export interface Loaded {
  readonly method: string;
  readonly recursive: boolean;
  run(ctx: RpcContext, recurse: boolean): Promise<RpcResponse>;
}

export interface ParseEnv {
  /** Looks a method up by name (batch, sequence and ifelse parse sub-requests). */
  lookup(name: string): AnyMethod | undefined;
  /** Nesting depth of meta-requests. */
  readonly depth: number;
}

export interface MethodSpec<R> {
  /** Canonical name first, then aliases. */
  readonly names: readonly string[];
  /** Store-like methods fanned out to the swarm by the entry node. */
  readonly recursive: boolean;
  /** batch / sequence / ifelse: may not appear inside batch or sequence. */
  readonly meta?: boolean;
  parse(params: Params, env: ParseEnv): R;
  handle(ctx: RpcContext, req: R, mode: RunMode): Promise<RpcResponse>;
}

export interface AnyMethod {
  readonly names: readonly string[];
  readonly recursive: boolean;
  readonly meta: boolean;
  load(params: Params, env: ParseEnv): Loaded;
}

/** A parsed request; a class, not a closure per request (every RPC goes through here). */
class LoadedRequest<R> implements Loaded {
  constructor(
    private readonly spec: MethodSpec<R>,
    readonly method: string,
    private readonly req: R,
    private readonly params: Params,
  ) {}

  get recursive(): boolean {
    return this.spec.recursive;
  }

  run(ctx: RpcContext, recurse: boolean): Promise<RpcResponse> {
    const { spec } = this;
    return spec.handle(ctx, this.req, { recurse: recurse && spec.recursive, method: this.method, params: this.params });
  }
}

export function defineMethod<R>(spec: MethodSpec<R>): AnyMethod {
  const method = spec.names[0]!;
  return {
    names: spec.names,
    recursive: spec.recursive,
    meta: spec.meta ?? false,
    load: (params, env) => new LoadedRequest(spec, method, spec.parse(params, env), params),
  };
}
