/**
 * expire (session-network.md §3.10; SS load(expire_msgs), process_client_req(expire_msgs)): set
 * the expiry of listed messages — one expiry for all, or one per message — optionally only
 * shortening or only extending. Any expiry over 60 s in the past is 401; each is capped at now +
 * 30 days. A subaccount without Delete may only extend.
 */
import { ACCESS } from '../auth/verify.ts';
import { expireResultSignedString, expireSignedString } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { byteSort, signResult, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { loadHashes } from './hashes.ts';
import { defineMethod, type RunMode } from './method.ts';
import { optBool, optTimestampList, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import { fail, RpcParseError, type JsonObject, type RpcResponse } from './response.ts';
import { loadSigned, verifyOr401, type Signed } from './signed.ts';

export interface ExpireRequest extends Signed {
  readonly messages: string[];
  /** As requested (signed); one value or one per message. */
  readonly expiry: number[];
  readonly shorten: boolean;
  readonly extend: boolean;
}

export function parseExpire(p: Params): ExpireRequest {
  const expiryList = optTimestampList(p, 'expiry');
  const extend = optBool(p, 'extend') ?? false;
  const shorten = optBool(p, 'shorten') ?? false;
  const signed = loadSigned(p);
  const expiry = required('expiry', expiryList);
  if (expiry.length === 0) throw new RpcParseError("'expiry' does not contain any expiration timestamps");
  if (shorten && extend) throw new RpcParseError("cannot specify both 'shorten' and 'extend'");
  const messages = loadHashes(p);
  if (expiry.length > 1 && expiry.length !== messages.length) {
    throw new RpcParseError("'expiry' must be a single expiry, or the same length as 'messages'");
  }
  return { ...signed, messages, expiry, shorten, extend };
}

/** Extend-only when asked, or forced for a subaccount lacking Delete; null = 400 (shorten without Delete). */
function extendOnly(req: ExpireRequest): boolean | null {
  const sub = req.auth.subaccount;
  if (sub === null || (sub.token[1]! & ACCESS.delete) !== 0) return req.extend;
  return req.shorten ? null : true;
}

async function expireLocally(ctx: RpcContext, req: ExpireRequest, applied: number[], onlyExtend: boolean): Promise<JsonObject> {
  const owner = req.account.bytes;
  const op = { op: 'updateExpiry', owner, hashes: req.messages, expiries: applied, extendOnly: onlyExtend, shortenOnly: req.shorten, now: ctx.clock() } as const;
  const { updated } = await ctx.store.write(op);
  updated.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const updatedHashes = updated.map(([h]) => h);
  const unchanged: { [hash: string]: number } = {};
  if (req.shorten || req.extend) {
    const done = new Set(updatedHashes);
    const rest = req.messages.filter((m) => !done.has(m));
    for (const [h, e] of ctx.store.getExpiries(owner, rest, ctx.clock())) unchanged[h] = e;
  }
  const multi = req.expiry.length > 1;
  const expiry = multi ? updated.map(([, e]) => e) : applied[0]!;
  const message = expireResultSignedString({
    pubkey: req.account.hex,
    expiry,
    requested: req.messages,
    updated: updatedHashes,
    ...(req.shorten || req.extend ? { unchanged } : {}),
  });
  const mine: JsonObject = { expiry, updated: byteSort([...updatedHashes]) };
  if (req.shorten || req.extend) mine['unchanged'] = unchanged;
  mine['signature'] = signResult(ctx, message);
  return mine;
}

export async function handleExpire(ctx: RpcContext, req: ExpireRequest, mode: RunMode): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const now = ctx.clock();
  if (req.expiry.some((e) => e < now - LIMITS.expirePastMs)) return fail(401, 'expire: timestamp should be >= current time');
  const applied = req.expiry.map((e) => Math.min(now + LIMITS.ttlMaxPrivateMs, e));
  const message = expireSignedString({ messages: req.messages, expiry: req.expiry, shorten: req.shorten, extend: req.extend });
  const rejected = await verifyOr401(ctx, req, { message, access: ACCESS.write, label: 'expire:' });
  if (rejected !== null) return rejected;
  const onlyExtend = extendOnly(req);
  if (onlyExtend === null) {
    return fail(400, 'expire: shorten parameter cannot be used with this subaccount token (missing delete access)');
  }
  return runRecursive(ctx, mode, () => expireLocally(ctx, req, applied, onlyExtend));
}

export const expireMethod = defineMethod({ names: ['expire'], recursive: true, parse: parseExpire, handle: handleExpire });
