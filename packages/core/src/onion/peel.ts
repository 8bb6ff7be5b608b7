/**
 * What a service node does with an onion request it receives (session-network.md §7.4): open its
 * layer (./open.ts), then decide from the decrypted JSON (./route.ts). Nodes that need to answer
 * stage-2 errors encrypted can call the two stages themselves; this joins them.
 */
import { toHex } from '../bytes.ts';
import { encodeLayer } from './layer.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { openOnionLayer } from './open.ts';
import { routeOnionPlaintext } from './route.ts';
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
      /** The same, framed for HTTP forwarding: `LAYER(ciphertext, {ephemeral_key, enc_type, hop_no})`. */
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
  return encodeLayer(next.ciphertext, { ephemeral_key: toHex(next.ephemeralKey), enc_type: next.encType, hop_no: next.hopNo });
}

export function peelOnionLayer(wire: Uint8Array, nodeX25519Secret: Uint8Array, nodeX25519Public: Uint8Array): PeeledOnionLayer {
  const opened = openOnionLayer(wire, nodeX25519Secret, nodeX25519Public);
  const reply: ReplyInfo = { replyKey: opened.replyKey, encType: opened.encType, hopNo: opened.hopNo };
  const route = routeOnionPlaintext(opened.plaintext);
  if (route.kind === 'forward') {
    const next: OnionNextHop = {
      ciphertext: route.ciphertext,
      ephemeralKey: route.ephemeralKey,
      encType: route.encType,
      hopNo: opened.hopNo + 1,
    };
    return { ...reply, kind: 'forward', destination: route.destination, next, nextWire: encodeForwardWire(next) };
  }
  if (route.kind === 'final') {
    return { ...reply, kind: 'final', control: route.control, payload: route.payload, json: route.json, base64: route.base64 };
  }
  return { ...reply, kind: 'relay', server: route.server, url: route.url, plaintext: route.plaintext };
}
