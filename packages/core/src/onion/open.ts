/**
 * Stage 1 of processing an onion request at a node (session-network.md §7.4; SS `https.cpp`
 * onion handler, `omq.cpp decode_onion_data`, `onion_processing.cpp process_ciphertext_v2`): read
 * the outer layer, check `hop_no`, derive the layer key and decrypt. A failure here is answered
 * with a plain (unencrypted) 400, since no reply key is known yet.
 */
import { HushError } from '../errors.ts';
import { splitLayer } from './layer.ts';
import { hopDecryptOrThrow, hopSharedKey, parseEncType } from './hop-crypto.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { parseKeyHex } from './route-checks.ts';

/** Largest hop number a node accepts (SS `MAX_ONION_HOPS`). */
export const MAX_ONION_HOPS = 15;

export interface OpenedOnionLayer {
  /** The decrypted layer: `[N][blob]{json}` for a node, the request itself for a server. */
  readonly plaintext: Uint8Array;
  /** The key this layer was encrypted with; the node encrypts its own replies with it. */
  readonly replyKey: Uint8Array;
  readonly encType: OnionEncType;
  /** Hop number of this node (0 at an entry node unless the client set `hop_no`). */
  readonly hopNo: number;
  /** The outer layer's JSON (`ephemeral_key`, `enc_type`, optional `hop_no`, anything else). */
  readonly json: Record<string, unknown>;
}

/** `hop_no`: absent → 0, negative → 0 (as SS), above MAX_ONION_HOPS → rejected. */
export function parseHopNo(value: unknown): number {
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    throw new HushError('HUSH_ERR_BAD_ONION_LAYER', 'hop_no: expected an integer', { details: { field: 'hop_no' } });
  }
  if (value > MAX_ONION_HOPS) {
    throw new HushError('HUSH_ERR_BAD_ONION_LAYER', `hop_no: onion request max path length exceeded (${value} > ${MAX_ONION_HOPS})`, {
      details: { field: 'hop_no', hopNo: value, max: MAX_ONION_HOPS },
    });
  }
  return Math.max(0, value);
}

/**
 * Opens one layer addressed to this node. Throws HUSH_ERR_BAD_ONION_LAYER / HUSH_ERR_BAD_JSON /
 * HUSH_ERR_TOO_LARGE for framing, HUSH_ERR_BAD_HEX or HUSH_ERR_BAD_KEY for a bad ephemeral key,
 * HUSH_ERR_DECRYPT_FAILED when the blob does not decrypt.
 */
export function openOnionLayer(wire: Uint8Array, nodeX25519Secret: Uint8Array, nodeX25519Public: Uint8Array): OpenedOnionLayer {
  // `payload` (a view into `wire`) and `ephemeral` are only used to decrypt, never returned: no copies.
  const { payload, json } = splitLayer(wire);
  const ephemeral = Buffer.from(parseKeyHex(json['ephemeral_key'], 'ephemeral_key'), 'hex');
  const encType = parseEncType(json['enc_type']);
  const hopNo = parseHopNo(json['hop_no']);
  const replyKey = hopSharedKey(encType, nodeX25519Secret, ephemeral, false, nodeX25519Public);
  const plaintext = hopDecryptOrThrow(encType, replyKey, payload, 'onion layer');
  return { plaintext, replyKey, encType, hopNo, json };
}

export interface OpenedServerRequest {
  /** What the client sent the server: a v4 bencoded request (or v3 JSON). */
  readonly payload: Uint8Array;
  readonly replyKey: Uint8Array;
  readonly encType: OnionEncType;
  /** The relay JSON the server re-parses (`host`, `target`, ..., `ephemeral_key`, `enc_type`). */
  readonly control: Record<string, unknown>;
}

/**
 * Server side of a relayed request: the body a service node POSTs is the entire plaintext it
 * decrypted, `[N][blob]{json}`, whose JSON also carries the `ephemeral_key`/`enc_type` for the blob.
 */
export function openServerOnionRequest(body: Uint8Array, serverX25519Secret: Uint8Array, serverX25519Public: Uint8Array): OpenedServerRequest {
  const opened = openOnionLayer(body, serverX25519Secret, serverX25519Public);
  return { payload: opened.plaintext, replyKey: opened.replyKey, encType: opened.encType, control: opened.json };
}
