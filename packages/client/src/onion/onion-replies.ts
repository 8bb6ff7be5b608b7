/**
 * Reading the destination's encrypted reply (§7.5). The destination's own status (421, 406,
 * 401, ...) is data for the caller, not a path failure. Decryption or framing failures throw
 * (the sender turns them into HUSH_ERR_ONION_BAD_RESPONSE).
 */
import { decryptOnionResponseV3, decryptOnionResponseV4, type BuiltOnionRequest } from '@hush/core';

export interface NodeReply {
  /** The destination's status for the storage RPC call. */
  readonly status: number;
  /** The body as text (a JSON document for successful storage RPC, plain text for most errors). */
  readonly body: string;
  /** `body` parsed, when it is JSON; undefined otherwise. */
  readonly json: unknown;
}

export interface ServerReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array | null;
}

function tryJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

export function decodeNodeReply(body: Uint8Array, built: BuiltOnionRequest): NodeReply {
  const reply = decryptOnionResponseV3(body, built.destinationKey, built.encType, built.gcmFallbackKey);
  return { status: reply.status, body: reply.body, json: tryJson(reply.body) };
}

export function decodeServerReply(body: Uint8Array, built: BuiltOnionRequest): ServerReply {
  const reply = decryptOnionResponseV4(body, built.destinationKey, built.encType, built.gcmFallbackKey);
  return { status: reply.code, headers: reply.headers, body: reply.body };
}
