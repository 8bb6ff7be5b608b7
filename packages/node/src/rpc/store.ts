/**
 * store (session-network.md §3.1; SS client_rpc_endpoints.cpp load(store), request_handler.cpp
 * process_client_req(store)). Checks in SS's order: swarm (421), TTL bounds (403), clock (406),
 * then auth for non-public-inbox namespaces (401/406); then hash, durable insert, fan-out.
 */
import { ACCESS } from '../auth/verify.ts';
import { fromBase64, isPublicInbox, isPublicOutbox, maxTtlMs, messageHash, storeResultSignedString, storeSignedString } from '@hush/core';
import { LIMITS } from '../limits.ts';
import type { Account } from './account.ts';
import { loadAccount, loadAuth, type Auth } from './auth-params.ts';
import { clockError, signResult, withinTolerance, wrongSwarm } from './common.ts';
import type { RpcContext } from './context.ts';
import { defineMethod, type RunMode } from './method.ts';
import { exactlyOneOf, optNamespace, optString, optStringifiedInt, optTimestamp, required, type Params } from './params.ts';
import { runRecursive } from './recursive.ts';
import { verifyOr401 } from './signed.ts';
import { fail, RpcParseError, type JsonObject, type RpcResponse } from './response.ts';

export interface StoreRequest {
  readonly account: Account;
  readonly namespace: number;
  readonly timestamp: number;
  readonly expiry: number;
  readonly data: Uint8Array;
  /** Present when a signature was given. */
  readonly auth: Auth | null;
  readonly sigTimestamp: number;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;

function loadData(data: string): Uint8Array {
  if (!B64.test(data) || data.length % 4 === 1) throw new RpcParseError("Invalid 'data' value: not base64 encoded");
  if (data.length > LIMITS.maxMessageBase64Chars) {
    throw new RpcParseError(`Message body exceeds maximum allowed length of ${LIMITS.maxMessageBytes} bytes`);
  }
  return decodeData(data);
}

/**
 * core's fromBase64 for a string that passed B64: the same bytes, decoded once into an array of
 * its own (it is posted to the writer thread) without fromBase64's second, stricter regex pass
 * over the whole message. Padding fromBase64 refuses (= or == on a length that is not a multiple
 * of 4) still goes to it, so such data fails exactly as before.
 */
function decodeData(data: string): Uint8Array {
  const pad = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  if (pad > 0 && data.length % 4 !== 0) return fromBase64(data, 'data');
  const out = new Uint8Array(((data.length - pad) * 3) >> 2);
  Buffer.from(out.buffer, out.byteOffset, out.byteLength).write(data, 'base64');
  return out;
}

export function parseStore(p: Params): StoreRequest {
  const data = optString(p, 'data');
  const expiryField = optTimestamp(p, 'expiry');
  const namespace = optNamespace(p, 'namespace') ?? 0;
  const pk = exactlyOneOf('pubkey', optString(p, 'pubkey'), 'pubKey', optString(p, 'pubKey'), true);
  const pubkeyEd25519 = optString(p, 'pubkey_ed25519');
  const sigTs = optTimestamp(p, 'sig_timestamp');
  const signature = optString(p, 'signature');
  const subaccount = optString(p, 'subaccount');
  const subaccountSig = optString(p, 'subaccount_sig');
  const timestamp = required('timestamp', optStringifiedInt(p, 'timestamp', false));
  const ttl = optStringifiedInt(p, 'ttl', true);
  exactlyOneOf('expiry', expiryField, 'ttl', ttl);
  const expiry = expiryField ?? timestamp + ttl!;
  const account = loadAccount(pk);
  const auth = signature === undefined ? null : loadAuth(account, { pubkeyEd25519, signature, subaccount, subaccountSig });
  return { account, namespace, timestamp, expiry, data: loadData(required('data', data)), auth, sigTimestamp: sigTs ?? timestamp };
}

/** The checks before anything is written; null = accepted. */
async function check(ctx: RpcContext, req: StoreRequest, now: number): Promise<RpcResponse | null> {
  if (!ctx.swarm.isOurs(req.account.bytes)) return wrongSwarm(ctx, req.account.bytes);
  const ttl = req.expiry - req.timestamp;
  if (ttl < LIMITS.ttlMinMs || ttl > maxTtlMs(req.namespace)) return fail(403, 'Provided expiry/TTL is not valid.');
  if (req.timestamp > now + LIMITS.storeToleranceMs || req.expiry < now - LIMITS.storeToleranceMs) {
    return clockError('Timestamp error: check your clock', now);
  }
  if (isPublicInbox(req.namespace)) return null;
  if (req.auth === null) return fail(401, `store: signature required to store to namespace ${req.namespace}`);
  if (!withinTolerance(req.sigTimestamp, now)) return clockError('store signature timestamp too far from current time', now);
  return verifyOr401(ctx, { account: req.account, auth: req.auth }, {
    message: storeSignedString({ namespace: req.namespace, timestamp: req.sigTimestamp }),
    access: ACCESS.write | (isPublicOutbox(req.namespace) ? ACCESS.delete : 0),
    label: 'store',
  });
}

async function storeLocally(ctx: RpcContext, req: StoreRequest, hash: string): Promise<JsonObject> {
  const msg = { owner: req.account.bytes, namespace: req.namespace, hash, timestamp: req.timestamp, expiry: req.expiry, data: req.data };
  const { outcome, expiry } = await ctx.store.write({ op: 'store', msg, publicOutbox: isPublicOutbox(req.namespace) });
  if (outcome === 'full') return { failed: true, query_failure: true };
  const mine: JsonObject = { hash, signature: signResult(ctx, storeResultSignedString(hash)), expiry };
  if (outcome !== 'new') mine['already'] = true;
  return mine;
}

export async function handleStore(ctx: RpcContext, req: StoreRequest, mode: RunMode): Promise<RpcResponse> {
  const now = ctx.clock();
  const rejected = await check(ctx, req, now);
  if (rejected !== null) return rejected;
  const hash = messageHash(req.account.bytes, req.namespace, req.data);
  // bind, not an arrow in the object literal: tsx names such arrows with an Object.defineProperty each.
  return runRecursive(ctx, mode, () => storeLocally(ctx, req, hash), { entryExtras: addEntryExtras.bind(null, hash, now) });
}

/** The entry node's extras: `hash` at top level (unless our own store failed) and `t` inside our own entry. */
function addEntryExtras(hash: string, now: number, mine: JsonObject, outer: JsonObject): void {
  if (mine['failed'] === undefined) outer['hash'] = hash;
  mine['t'] = now;
}

export const storeMethod = defineMethod({ names: ['store'], recursive: true, parse: parseStore, handle: handleStore });
