/**
 * Onion responses (session-network.md §7.4 replies, §7.5 parsing). The destination encrypts its
 * reply once, with the key of the layer it opened; relays pass it back untouched.
 *  - v3 (snode destination): JSON `{"body": <string>, "status": n}`, encrypted, usually base64.
 *  - v4 (server destination): bencoded `[meta_json, body?]`, encrypted, raw bytes.
 */
import { HushError } from '../errors.ts';
import { assertBytes, fromBase64, utf8 } from '../bytes.ts';
import { hopDecrypt, hopEncrypt, hopOverhead } from './hop-crypto.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { parseJsonObject, parseStringRecord } from './json-object.ts';
import { parseV4Response } from './v4.ts';
import type { V4Response } from './v4.ts';

/** Largest decrypted response accepted (a full retrieve page is ~7.8 MB before double encoding). */
export const ONION_RESPONSE_MAX_BYTES = 16 * 1024 * 1024;

export interface OnionV3Response {
  readonly status: number;
  readonly headers: Record<string, string>;
  /** The body as text: the (double-encoded) JSON string for storage RPC replies. */
  readonly body: string;
}

/** Encrypts a reply with the layer key and a caller-supplied nonce/IV; returns raw bytes (base64 them for v3). */
export function encryptOnionResponse(replyKey: Uint8Array, encType: OnionEncType, body: Uint8Array, nonce: Uint8Array): Uint8Array {
  return hopEncrypt(encType, replyKey, body, nonce);
}

/** The v3 reply plaintext as the storage server writes it: `{"body":<string>,"status":n}` (keys sorted). */
export function encodeV3ResponsePlaintext(status: number, body: string): Uint8Array {
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'status: expected an HTTP status 100..599', { details: { field: 'status' } });
  }
  return utf8(JSON.stringify({ body, status }));
}

const B64_BYTES = /^[A-Za-z0-9+/=]*$/;

/** A v3 body is base64 text, base64 inside a legacy `{"result": ...}` wrapper, or (with `"base64": false`) raw bytes. */
function v3Ciphertext(body: Uint8Array): Uint8Array {
  if (body[0] === 0x7b /* { */) {
    try {
      const wrapper = parseJsonObject(body, 'onion response', ONION_RESPONSE_MAX_BYTES);
      if (typeof wrapper['result'] === 'string') return fromBase64(wrapper['result'], 'onion response result');
    } catch {
      // not the legacy wrapper: fall through to raw bytes
    }
  }
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('latin1');
  if (body.length > 0 && B64_BYTES.test(text)) {
    try {
      return fromBase64(text, 'onion response');
    } catch {
      // not base64 after all: raw
    }
  }
  return body;
}

function decryptReply(ciphertext: Uint8Array, key: Uint8Array, encType: OnionEncType, gcmFallbackKey?: Uint8Array): Uint8Array {
  let plain = hopDecrypt(encType, key, ciphertext);
  // LSU quirk: a legacy server that does not speak xchacha20 answers with aes-gcm.
  if (plain === null && encType === 'xchacha20' && gcmFallbackKey !== undefined) plain = hopDecrypt('aes-gcm', gcmFallbackKey, ciphertext);
  if (plain !== null) return plain;
  const min = Math.min(hopOverhead(encType), gcmFallbackKey === undefined ? Infinity : hopOverhead('aes-gcm'));
  if (ciphertext.length < min) {
    throw new HushError('HUSH_ERR_TRUNCATED', `onion response: ${ciphertext.length} bytes is shorter than nonce + tag (${min})`, {
      details: { field: 'onion response', got: ciphertext.length, min },
    });
  }
  throw new HushError('HUSH_ERR_DECRYPT_FAILED', 'onion response: decryption failed', { details: { field: 'onion response', encType } });
}

function v3Status(json: Record<string, unknown>): number {
  for (const field of ['status_code', 'status']) {
    const v = json[field];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
  }
  throw new HushError('HUSH_ERR_BAD_JSON', 'onion response: missing integer "status"/"status_code"', { details: { field: 'status' } });
}

/**
 * Client side, snode destination. `body` is the HTTP body from the first hop (after the caller
 * checked the HTTP status: path errors come back unencrypted). A non-string `body` field (the
 * `"json": true` option) is returned re-serialised; a missing one yields the whole JSON, as LSU.
 */
export function decryptOnionResponseV3(body: Uint8Array, key: Uint8Array, encType: OnionEncType, gcmFallbackKey?: Uint8Array): OnionV3Response {
  assertBytes(body, 'onion response');
  if (body.length > ONION_RESPONSE_MAX_BYTES * 2) {
    throw new HushError('HUSH_ERR_TOO_LARGE', 'onion response: too large', { details: { got: body.length } });
  }
  const plain = decryptReply(v3Ciphertext(body), key, encType, gcmFallbackKey);
  const json = parseJsonObject(plain, 'onion response', ONION_RESPONSE_MAX_BYTES);
  const inner = json['body'];
  const text = typeof inner === 'string' ? inner : JSON.stringify(inner === undefined ? json : inner);
  return { status: v3Status(json), headers: parseStringRecord(json['headers'], 'headers'), body: text };
}

/** Client side, server destination: decrypts the raw body and parses the v4 frame. */
export function decryptOnionResponseV4(body: Uint8Array, key: Uint8Array, encType: OnionEncType, gcmFallbackKey?: Uint8Array): V4Response {
  assertBytes(body, 'onion response');
  return parseV4Response(decryptReply(body, key, encType, gcmFallbackKey));
}
