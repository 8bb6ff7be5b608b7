/**
 * The answers of an onion hop (session-network.md §7.4; SS request_handler.cpp wrap_proxy_response):
 *  - path errors go back in plain text with their HTTP status (no reply key is known, or the
 *    error is the path's, not the destination's);
 *  - the destination's answers (and errors found after decrypting, such as "Invalid json") go
 *    back as HTTP 200 with `ENC({"body": ..., "status": n})` under the layer's key, base64
 *    unless the client asked for raw bytes.
 */
import { encodeV3ResponsePlaintext, encryptOnionResponse, hopNonceLength, randomBytes, utf8 } from '@hush/core';
import type { OnionEncType } from '@hush/core';
import type { JsonObject } from '../rpc/response.ts';

export interface OnionReply {
  readonly status: number;
  readonly body: Uint8Array | string;
  readonly contentType: string;
}

export const TEXT = 'text/plain; charset=utf-8';
export const OCTETS = 'application/octet-stream';

export function plainReply(status: number, text: string): OnionReply {
  return { status, body: text, contentType: TEXT };
}

export interface ReplyKey {
  readonly replyKey: Uint8Array;
  readonly encType: OnionEncType;
}

export interface WrapOptions {
  /** `"json": true`: a JSON body is embedded as JSON rather than as a JSON string. */
  readonly json?: boolean;
  /** `"base64": false`: raw ciphertext. */
  readonly base64?: boolean;
}

/** `{"body":…,"status":n}` with keys in SS's (sorted) order. */
function v3Plaintext(status: number, body: JsonObject | string, embedJson: boolean): Uint8Array {
  if (typeof body === 'string') return encodeV3ResponsePlaintext(status, body);
  if (!embedJson) return encodeV3ResponsePlaintext(status, JSON.stringify(body));
  return utf8(`{"body":${JSON.stringify(body)},"status":${status}}`);
}

/** A destination's (or post-decryption error's) answer, encrypted to the client under the layer key. */
export function encryptedReply(key: ReplyKey, status: number, body: JsonObject | string, o: WrapOptions = {}): OnionReply {
  const nonce = randomBytes(hopNonceLength(key.encType));
  const ciphertext = encryptOnionResponse(key.replyKey, key.encType, v3Plaintext(status, body, o.json === true), nonce);
  if (o.base64 === false) return { status: 200, body: ciphertext, contentType: OCTETS };
  const b64 = Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.byteLength).toString('base64');
  return { status: 200, body: b64, contentType: TEXT };
}
