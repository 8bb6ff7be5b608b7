/**
 * Pieces shared by the RPC methods: the `t`/`hf` fields, the swarm list JSON (get_swarm and 421
 * bodies), the wrong-swarm answer, the node's result signatures, and time-window errors.
 */
import { formatSwarmId, signDetached, toBase64 } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { toBase32z } from './base32z.ts';
import type { RpcContext, SwarmInfo } from './context.ts';
import { fail, type JsonObject, type RpcResponse } from './response.ts';

export const INVALID_SWARM_HEX = 'ffffffffffffffff';

/** Adds `t` (node time, ms) and `hf` ([hardfork, revision]) to a body. */
export function withMisc(ctx: RpcContext, body: JsonObject, now: number = ctx.clock()): JsonObject {
  body['t'] = now;
  body['hf'] = ctx.swarm.hf();
  return body;
}

/** `{"snodes": [...], "swarm": "<hex>"}` as SS swarm_to_json writes it (port as a string, too). */
export function swarmJson(info: SwarmInfo | null): JsonObject {
  if (info === null) return { snodes: [], swarm: INVALID_SWARM_HEX };
  const snodes = info.members.map((m) => ({
    address: `${toBase32z(Buffer.from(m.ed25519Hex, 'hex'))}.snode`,
    pubkey_legacy: m.ed25519Hex,
    pubkey_x25519: m.x25519Hex,
    pubkey_ed25519: m.ed25519Hex,
    port: String(m.port),
    port_https: m.port,
    port_omq: 0,
    port_quic: 0,
    ip: m.ip,
  }));
  return { snodes, swarm: formatSwarmId(info.id) };
}

/** 421 Misdirected Request with the swarm that does own the account. */
export function wrongSwarm(ctx: RpcContext, account: Uint8Array): RpcResponse {
  return { status: 421, body: withMisc(ctx, swarmJson(ctx.swarm.swarmFor(account))) };
}

/** The node's Ed25519 signature of `message`, base64. */
export function signResult(ctx: RpcContext, message: Uint8Array): string {
  return toBase64(signDetached(message, ctx.identity.ed25519Sk));
}

/**
 * A 406 (clock problem). The text is SS's; the node's time is appended so a client with a wrong
 * clock can correct it (onion clients see only the body), and also sent as a header.
 */
export function clockError(text: string, now: number): RpcResponse {
  return fail(406, `${text} (node time: ${now})`, { 'X-Hush-Node-Time': String(now) });
}

export function withinTolerance(ts: number, now: number, tolerance: number = LIMITS.signatureToleranceMs): boolean {
  return ts >= now - tolerance && ts <= now + tolerance;
}

/** Byte-order string sort (SS sorts std::string hashes). */
export function byteSort(values: string[]): string[] {
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
