/**
 * Authentication of node-to-node requests (/swarm_rpc/v1, /swarm_push/v1; see the registry
 * contract): headers `x-hush-node` (sender Ed25519 hex), `x-hush-timestamp` (ms) and
 * `x-hush-signature` = base64 Ed25519 over "hush-swarm-rpc" + timestamp + "\n" + raw body. The
 * receiver accepts only senders in its node list, with a timestamp within ±60 s.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { concatBytes, fromBase64, fromHex, signDetached, toBase64, utf8, verifyDetached } from '@hush/core';
import type { NodeIdentity } from '../identity.ts';

export const NODE_HEADER = 'x-hush-node';
export const TIMESTAMP_HEADER = 'x-hush-timestamp';
export const SIGNATURE_HEADER = 'x-hush-signature';

function signedBytes(timestamp: string, body: Uint8Array): Uint8Array {
  return concatBytes(utf8(`hush-swarm-rpc${timestamp}\n`), body);
}

export function signNodeRequest(identity: NodeIdentity, body: Uint8Array, now: number): Record<string, string> {
  const ts = String(now);
  return {
    [NODE_HEADER]: identity.ed25519Hex,
    [TIMESTAMP_HEADER]: ts,
    [SIGNATURE_HEADER]: toBase64(signDetached(signedBytes(ts, body), identity.ed25519Sk)),
  };
}

export type NodeAuthResult = { readonly ok: true; readonly sender: string } | { readonly ok: false; readonly reason: string };

const HEX64 = /^[0-9a-f]{64}$/;
const TS = /^[0-9]{1,16}$/;
const SIG = /^[A-Za-z0-9+/]{86}==$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name];
  return typeof v === 'string' ? v : undefined;
}

/** Checks the headers cheaply first (known sender, fresh timestamp), then the signature. */
export function verifyNodeRequest(
  headers: IncomingHttpHeaders,
  body: Uint8Array,
  now: number,
  toleranceMs: number,
  isKnownNode: (ed25519Hex: string) => boolean,
): NodeAuthResult {
  const sender = header(headers, NODE_HEADER)?.toLowerCase();
  const ts = header(headers, TIMESTAMP_HEADER);
  const sig = header(headers, SIGNATURE_HEADER);
  if (sender === undefined || !HEX64.test(sender)) return { ok: false, reason: `missing or malformed ${NODE_HEADER}` };
  if (ts === undefined || !TS.test(ts)) return { ok: false, reason: `missing or malformed ${TIMESTAMP_HEADER}` };
  if (sig === undefined || !SIG.test(sig)) return { ok: false, reason: `missing or malformed ${SIGNATURE_HEADER}` };
  if (!isKnownNode(sender)) return { ok: false, reason: `unknown node ${sender}` };
  if (Math.abs(Number(ts) - now) > toleranceMs) return { ok: false, reason: `${TIMESTAMP_HEADER} too far from current time` };
  const valid = verifyDetached(fromBase64(sig, SIGNATURE_HEADER), signedBytes(ts, body), fromHex(sender, NODE_HEADER, 32));
  return valid ? { ok: true, sender } : { ok: false, reason: 'node signature verification failed' };
}
