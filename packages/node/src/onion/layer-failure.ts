/**
 * The answer to an onion layer that could not be routed (session-network.md §7.4; SS https.cpp
 * process_onion_req_v2, omq.cpp handle_onion_request, request_handler.cpp process_onion_req):
 *  - stage 1, the outer layer (no reply key yet), plain 400:
 *      unreadable framing / JSON / ephemeral key → "Error parsing onion request: <what>"
 *      hop_no above 15                           → "onion request max path length exceeded"
 *      does not decrypt (or low-order key)       → "Invalid ciphertext"
 *  - stage 2, the decrypted layer, encrypted 400 under the layer's key:
 *      a server target with a bad protocol or target (strings) → "Invalid url"
 *      anything else malformed                                 → "Invalid json"
 * The fast path (core's peelOnionLayer) does both stages at once; on failure the layer is opened
 * again here to tell them apart and to get the reply key. Only failures pay for that.
 */
import { isHushError, openOnionLayer, parseLayer, type OpenedOnionLayer } from '@hush/core';
import type { OnionOutcome } from './hop-record.ts';
import { encryptedReply, plainReply, type OnionReply } from './onion-reply.ts';

export interface LayerFailure {
  readonly reply: OnionReply;
  readonly outcome: OnionOutcome;
  readonly hopNo: number | null;
  /** The decrypted layer, when stage 1 succeeded. */
  readonly plaintext: Uint8Array | null;
}

/** Stage-1 errors; anything that is not a HushError is a bug and is rethrown. */
function outerFailure(err: unknown): LayerFailure {
  if (isHushError(err, 'HUSH_ERR_DECRYPT_FAILED') || isHushError(err, 'HUSH_ERR_BAD_KEY')) {
    return { reply: plainReply(400, 'Invalid ciphertext'), outcome: 'bad_ciphertext', hopNo: null, plaintext: null };
  }
  if (isHushError(err, 'HUSH_ERR_BAD_ONION_LAYER') && err.details['field'] === 'hop_no' && typeof err.details['hopNo'] === 'number') {
    return { reply: plainReply(400, 'onion request max path length exceeded'), outcome: 'max_hops', hopNo: err.details['hopNo'], plaintext: null };
  }
  if (isHushError(err)) return { reply: plainReply(400, `Error parsing onion request: ${err.message}`), outcome: 'bad_layer', hopNo: null, plaintext: null };
  throw err;
}

const URL_FIELDS = new Set(['host', 'target', 'protocol']);

/** SS answers "Invalid url" only for a well-typed server target it does not allow. */
function isBadUrl(err: unknown, plaintext: Uint8Array): boolean {
  const field = isHushError(err) ? err.details['field'] : undefined;
  if (typeof field !== 'string' || !URL_FIELDS.has(field)) return false;
  try {
    return typeof parseLayer(plaintext).json[field] === 'string';
  } catch {
    return false;
  }
}

function innerFailure(err: unknown, opened: OpenedOnionLayer): LayerFailure {
  if (!isHushError(err)) throw err;
  const url = isBadUrl(err, opened.plaintext);
  return {
    reply: encryptedReply(opened, 400, url ? 'Invalid url' : 'Invalid json'),
    outcome: url ? 'invalid_url' : 'invalid_json',
    hopNo: opened.hopNo,
    plaintext: opened.plaintext,
  };
}

export function layerFailure(err: unknown, wire: Uint8Array, sk: Uint8Array, pk: Uint8Array): LayerFailure {
  let opened: OpenedOnionLayer;
  try {
    opened = openOnionLayer(wire, sk, pk);
  } catch (outer) {
    return outerFailure(outer);
  }
  return innerFailure(err, opened);
}
