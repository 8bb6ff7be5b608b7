/**
 * revoke_subaccount / unrevoke_subaccount (session-network.md §3.12; SS load(revoke_subaccount),
 * process_client_req(revoke_subaccount)): the account key (never a subaccount) adds or removes
 * subaccount tokens from the account's revocation list (newest 50 kept). Signed
 * "<method>" || timestamp || token bytes….
 */
import { ACCESS } from '../auth/verify.ts';
import {
  fromBase64,
  fromHex,
  revokeSubaccountResultSignedString,
  revokeSubaccountSignedString,
  unrevokeSubaccountResultSignedString,
  unrevokeSubaccountSignedString,
} from '@hush/core';
import { LIMITS } from '../limits.ts';
import { SUBACCOUNT_TOKEN_BYTES } from './auth-params.ts';
import { clockError, signResult, withinTolerance, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod, type RunMode } from './method.ts';
import { optStringList, optTimestamp, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import { RpcParseError, type JsonObject, type RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

type Kind = 'revoke' | 'unrevoke';

export interface RevokeRequest extends Signed {
  readonly kind: Kind;
  readonly tokens: Uint8Array[];
  readonly timestamp: number;
}

function loadToken(value: string, kind: Kind): Uint8Array {
  if (value.length === (SUBACCOUNT_TOKEN_BYTES * 4) / 3 && /^[A-Za-z0-9+/]+$/.test(value)) return fromBase64(value, kind);
  if (value.length === SUBACCOUNT_TOKEN_BYTES * 2 && /^[0-9a-fA-F]+$/.test(value)) return fromHex(value, kind, SUBACCOUNT_TOKEN_BYTES);
  throw new RpcParseError(`invalid ${kind}: expected base64 or hex-encoded subaccount tag`);
}

function parseRevokeKind(kind: Kind): (p: Params) => RevokeRequest {
  return (p) => {
    const list = optStringList(p, kind);
    const timestamp = optTimestamp(p, 'timestamp');
    const signed = loadSigned(p, false);
    const values = required(kind, list);
    const max = kind === 'revoke' ? LIMITS.maxRevokeTokens : LIMITS.maxHashesPerRequest;
    if (values.length > max) throw new RpcParseError(`invalid ${kind}: cannot ${kind} more than ${max} subaccounts at once`);
    if (values.length === 0) throw new RpcParseError(`invalid ${kind}: no subaccount tags given`);
    return { ...signed, kind, tokens: values.map((v) => loadToken(v, kind)), timestamp: required('timestamp', timestamp) };
  };
}

async function applyLocally(ctx: RpcContext, req: RevokeRequest): Promise<JsonObject> {
  const owner = req.account.bytes;
  const p = { pubkey: req.account.hex, timestamp: req.timestamp, tokens: req.tokens };
  if (req.kind === 'revoke') {
    await ctx.store.write({ op: 'revoke', owner, tokens: req.tokens, now: ctx.clock() });
    return { signature: signResult(ctx, revokeSubaccountResultSignedString(p)) };
  }
  const { count } = await ctx.store.write({ op: 'unrevoke', owner, tokens: req.tokens });
  return { count, signature: signResult(ctx, unrevokeSubaccountResultSignedString(p)) };
}

async function handleRevoke(ctx: RpcContext, req: RevokeRequest, mode: RunMode): Promise<RpcResponse> {
  const label = `${req.kind}_subaccount`;
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const now = ctx.clock();
  if (!withinTolerance(req.timestamp, now)) return clockError(`${label} timestamp too far from current time`, now);
  const build = req.kind === 'revoke' ? revokeSubaccountSignedString : unrevokeSubaccountSignedString;
  const signed = { account: req.account, auth: { ...req.auth, subaccount: null } };
  const rejected = await verifyOr401(ctx, signed, { message: build({ timestamp: req.timestamp, tokens: req.tokens }), access: ACCESS.none, label });
  return rejected ?? runRecursive(ctx, mode, () => applyLocally(ctx, req));
}

export const revokeSubaccountMethod = defineMethod({
  names: ['revoke_subaccount'],
  recursive: true,
  parse: parseRevokeKind('revoke'),
  handle: handleRevoke,
});

export const unrevokeSubaccountMethod = defineMethod({
  names: ['unrevoke_subaccount'],
  recursive: true,
  parse: parseRevokeKind('unrevoke'),
  handle: handleRevoke,
});
