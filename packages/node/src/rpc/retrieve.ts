/**
 * retrieve (session-network.md §3.2; SS load(retrieve), process_client_req(retrieve)).
 * Authentication: if any of pubkey_ed25519 / signature / timestamp is given, or a namespace that
 * needs auth is named, the signature fields are parsed (a missing `signature` is then 400
 * "Required field 'signature' missing" — what clients, which always send `namespace`, see); a
 * request naming no namespace and no auth fields is 401 "retrieve: request signature required".
 */
import { ACCESS } from '../auth/verify.ts';
import { isNoAuthRetrieve, isUnrevocable, retrieveSignedString, toBase64, toHex } from '@hush/core';
import { LIMITS } from '../limits.ts';
import type { Account } from './account.ts';
import { loadAccount, loadAuth, type Auth } from './auth-params.ts';
import { clockError, withinTolerance, withMisc, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod } from './method.ts';
import { atMostOneOf, exactlyOneOf, optInt, optNamespace, optString, optTimestamp, optUnsigned, required, type Params } from './params.ts';
import { fail, ok, RpcParseError, type RpcResponse } from './response.ts';
import { verifyOr401 } from './signed.ts';

export interface RetrieveRequest {
  readonly account: Account;
  readonly namespace: number;
  readonly lastHash: string | null;
  readonly maxCount: number | undefined;
  readonly maxSize: number | undefined;
  /** Hush extension: wait up to this long (ms) for a message when there is none (0 = answer at once). */
  readonly longPollMs: number;
  /** Set when the request is signed. */
  readonly auth: { readonly fields: Auth; readonly timestamp: number } | null;
}

const B64 = /^[A-Za-z0-9+/]+$/;

function loadLastHash(p: Params): string | null {
  const camel = optString(p, 'lastHash');
  const snake = optString(p, 'last_hash');
  atMostOneOf('last_hash', snake, 'lastHash', camel);
  const h = snake ?? camel;
  if (h === undefined || h === '') return null;
  if (h.length !== 43) throw new RpcParseError('Invalid last_hash: expected base64 (43 chars)');
  if (!B64.test(h)) throw new RpcParseError('Invalid last_hash: not base64');
  return h;
}

function loadLongPoll(p: Params): number {
  const ms = optUnsigned(p, 'long_poll_ms') ?? 0;
  if (ms > LIMITS.longPollMaxMs) throw new RpcParseError(`Invalid long_poll_ms: at most ${LIMITS.longPollMaxMs}`);
  return ms;
}

export function parseRetrieve(p: Params): RetrieveRequest {
  const lastHash = loadLastHash(p);
  const maxCount = optInt(p, 'max_count');
  const maxSize = optInt(p, 'max_size');
  const ns = optNamespace(p, 'namespace');
  const pk = exactlyOneOf('pubkey', optString(p, 'pubkey'), 'pubKey', optString(p, 'pubKey'), true);
  const pubkeyEd25519 = optString(p, 'pubkey_ed25519');
  const signature = optString(p, 'signature');
  const subaccount = optString(p, 'subaccount');
  const subaccountSig = optString(p, 'subaccount_sig');
  const timestamp = optTimestamp(p, 'timestamp');
  const account = loadAccount(pk);
  const signed =
    pubkeyEd25519 !== undefined || signature !== undefined || timestamp !== undefined || (ns !== undefined && !isNoAuthRetrieve(ns));
  const auth = signed
    ? { fields: loadAuth(account, { pubkeyEd25519, signature, subaccount, subaccountSig }), timestamp: required('timestamp', timestamp) }
    : null;
  return { account, namespace: ns ?? 0, lastHash, maxCount, maxSize, longPollMs: loadLongPoll(p), auth };
}

async function checkAuth(ctx: RpcContext, req: RetrieveRequest, now: number): Promise<RpcResponse | null> {
  if (req.auth === null) return isNoAuthRetrieve(req.namespace) ? null : fail(401, 'retrieve: request signature required');
  if (!withinTolerance(req.auth.timestamp, now)) return clockError('retrieve timestamp too far from current time', now);
  return verifyOr401(ctx, { account: req.account, auth: req.auth.fields }, {
    message: retrieveSignedString({ namespace: req.namespace, timestamp: req.auth.timestamp }),
    access: ACCESS.read,
    label: 'retrieve',
    skipRevokeCheck: isUnrevocable(req.namespace),
  });
}

/** SS size rules: 0 = unset; neither set → max_size −5; −k → max/k; capped at the max. */
export function effectiveLimits(maxCount: number | undefined, maxSize: number | undefined): { count: number | null; size: number } {
  const count = maxCount === undefined || maxCount === 0 ? null : maxCount;
  let size = maxSize === undefined || maxSize === 0 ? null : maxSize;
  if (count === null && size === null) size = LIMITS.retrieveDefaultMaxSize;
  if (size !== null && size < 0) return { count, size: Math.trunc(LIMITS.retrieveMaxSize / -size) };
  return { count, size: size === null || size > LIMITS.retrieveMaxSize ? LIMITS.retrieveMaxSize : size };
}

export async function handleRetrieve(ctx: RpcContext, req: RetrieveRequest): Promise<RpcResponse> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  let now = ctx.clock();
  const rejected = await checkAuth(ctx, req, now);
  if (rejected !== null) return rejected;
  let page = readPage(ctx, req, now);
  if (page.messages.length === 0 && req.longPollMs > 0 && ctx.newMessages !== undefined) {
    await ctx.newMessages.wait(toHex(req.account.bytes), req.namespace, req.longPollMs);
    now = ctx.clock();
    page = readPage(ctx, req, now);
  }
  const messages = page.messages.map((m) => ({ hash: m.hash, timestamp: m.timestamp, expiration: m.expiry, data: toBase64(m.data) }));
  return ok(withMisc(ctx, { messages, more: page.more }, now));
}

function readPage(ctx: RpcContext, req: RetrieveRequest, now: number): ReturnType<RpcContext['store']['retrieve']> {
  const { count, size } = effectiveLimits(req.maxCount, req.maxSize);
  return ctx.store.retrieve({ owner: req.account.bytes, namespace: req.namespace, lastHash: req.lastHash, maxCount: count, maxSize: size, now });
}

export const retrieveMethod = defineMethod({
  names: ['retrieve'],
  recursive: false,
  parse: parseRetrieve,
  handle: (ctx, req) => handleRetrieve(ctx, req),
});
