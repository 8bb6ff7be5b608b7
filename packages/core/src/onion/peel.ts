/**
 * What a service node does with an onion request it receives (session-network.md §7.4): open its
 * layer (./open.ts), then decide from the decrypted JSON (./route.ts). Nodes that need to answer
 * stage-2 errors encrypted can call the two stages themselves; this joins them.
 */
import { HushError } from '../errors.ts';
import { assertBytes, toHex } from '../bytes.ts';
import { encodeLayer, frameLayer, splitLayer } from './layer.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { openOnionLayer } from './open.ts';
import { routeParsedLayer } from './route.ts';
import { parseKeyHex } from './route-checks.ts';
import type { OnionServerTarget } from './route-checks.ts';

interface ReplyInfo {
  /** Key (and enc type) of the layer this node opened: a destination encrypts its reply with it. */
  readonly replyKey: Uint8Array;
  readonly encType: OnionEncType;
  readonly hopNo: number;
}

export interface OnionNextHop {
  readonly ciphertext: Uint8Array;
  readonly ephemeralKey: Uint8Array;
  readonly encType: OnionEncType;
  /** This node's hop number + 1. */
  readonly hopNo: number;
}

export type PeeledOnionLayer =
  | (ReplyInfo & {
      readonly kind: 'forward';
      /** Ed25519 key (lower-case hex) of the node to forward to. */
      readonly destination: string;
      /** What the next node gets. Session nodes pass these fields over OMQ `sn.onion_request`. */
      readonly next: OnionNextHop;
      /**
       * The same, framed for HTTP forwarding: `LAYER(ciphertext, {ephemeral_key, enc_type, hop_no})`.
       * Written over the decrypted layer, so it shares memory with `next.ciphertext`.
       */
      readonly nextWire: Uint8Array;
    })
  | (ReplyInfo & {
      readonly kind: 'final';
      readonly control: Record<string, unknown>;
      readonly payload: Uint8Array;
      readonly json: boolean;
      readonly base64: boolean;
    })
  | (ReplyInfo & {
      readonly kind: 'relay';
      readonly server: OnionServerTarget;
      readonly url: string;
      /** The entire decrypted plaintext, to POST to `url` as it is. */
      readonly plaintext: Uint8Array;
    });

/** Frames a hop for HTTP forwarding; `openOnionLayer` at the next node reads exactly this. */
export function encodeForwardWire(next: OnionNextHop): Uint8Array {
  if (typeof next !== 'object' || next === null) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'next: expected an object', { details: { field: 'next' } });
  }
  assertBytes(next.ephemeralKey, 'next.ephemeralKey');
  return encodeLayer(next.ciphertext, { ephemeral_key: toHex(next.ephemeralKey), enc_type: next.encType, hop_no: next.hopNo });
}

/**
 * The forward wire for a hop this module routed itself. `ephemeralHex` is the checked lower-case
 * hex of `next.ephemeralKey`, the hop number an integer and the enc type a known name, so the
 * JSON is ASCII, written directly (byte for byte what JSON.stringify gives).
 *
 * `plaintext` is the decrypted layer `[N][ciphertext]{inner json}`, owned by the caller, already
 * parsed and not read again: its first 4 + N bytes already are the start of the forward wire
 * `[N][ciphertext]{json}`. When the new JSON fits where the inner one was (it always does: the
 * inner JSON holds two 64-hex keys, the new one a single key and two short fields) it is written
 * there and the rest zeroed, so the ciphertext is not copied again; `next.ciphertext` and the
 * result then share memory.
 */
function forwardWire(plaintext: Uint8Array, next: OnionNextHop, ephemeralHex: string): Uint8Array {
  const json = `{"ephemeral_key":"${ephemeralHex}","enc_type":"${next.encType}","hop_no":${next.hopNo}}`;
  const { ciphertext } = next;
  const end = 4 + ciphertext.length + json.length;
  const ownsBuffer = plaintext.byteOffset === 0 && plaintext.byteLength === plaintext.buffer.byteLength;
  const inPlace = ownsBuffer && ciphertext.buffer === plaintext.buffer && ciphertext.byteOffset === 4;
  if (!inPlace || end > plaintext.length) return frameLayer(ciphertext, json);
  Buffer.from(plaintext.buffer, 0, plaintext.length).write(json, 4 + ciphertext.length, 'latin1');
  plaintext.fill(0, end);
  return plaintext.subarray(0, end);
}

export function peelOnionLayer(wire: Uint8Array, nodeX25519Secret: Uint8Array, nodeX25519Public: Uint8Array): PeeledOnionLayer {
  const { plaintext, replyKey, encType, hopNo } = openOnionLayer(wire, nodeX25519Secret, nodeX25519Public);
  // The decrypted plaintext is ours alone: the route's payload/ciphertext can be views into it.
  const layer = splitLayer(plaintext);
  const route = routeParsedLayer(layer, plaintext);
  if (route.kind === 'forward') {
    const next: OnionNextHop = { ciphertext: route.ciphertext, ephemeralKey: route.ephemeralKey, encType: route.encType, hopNo: hopNo + 1 };
    const nextWire = forwardWire(plaintext, next, parseKeyHex(layer.json['ephemeral_key'], 'ephemeral_key'));
    return { replyKey, encType, hopNo, kind: 'forward', destination: route.destination, next, nextWire };
  }
  if (route.kind === 'final') {
    const { control, payload, json, base64 } = route;
    return { replyKey, encType, hopNo, kind: 'final', control, payload, json, base64 };
  }
  return { replyKey, encType, hopNo, kind: 'relay', server: route.server, url: route.url, plaintext: route.plaintext };
}
