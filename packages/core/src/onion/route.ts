/**
 * Stage 2 of processing an onion request at a node (SS `onion_processing.cpp
 * process_inner_request`): the decrypted plaintext is `[N][blob]{json}` and the JSON says what to
 * do. Checked in the storage server's order:
 *  - has `headers` → this node is the destination; `blob` is the storage RPC JSON body;
 *  - has `host`    → relay the whole plaintext to a server (`port` defaults to 443 even for http,
 *                    `protocol` to https; always POST);
 *  - otherwise     → forward `blob` to the node named by `destination`.
 * Failures here are answered encrypted with the layer's reply key (SS: 400 "Invalid json" /
 * "Invalid url").
 */
import { HushError } from '../errors.ts';
import { fromHex } from '../bytes.ts';
import { parseLayer } from './layer.ts';
import type { ParsedLayer } from './layer.ts';
import { parseEncType } from './hop-crypto.ts';
import type { OnionEncType } from './hop-crypto.ts';
import { onionServerUrl, parseKeyHex, parseServerTarget } from './route-checks.ts';
import type { OnionServerTarget } from './route-checks.ts';

export type OnionRoute =
  | {
      readonly kind: 'final';
      readonly control: Record<string, unknown>;
      /** The storage RPC request body (`{"method":..,"params":..}`). */
      readonly payload: Uint8Array;
      /** `"json": true` → embed the response body as JSON rather than a JSON string. */
      readonly json: boolean;
      /** `"base64": false` → reply with raw ciphertext instead of base64. */
      readonly base64: boolean;
    }
  | {
      readonly kind: 'relay';
      readonly server: OnionServerTarget;
      readonly url: string;
      /** The entire decrypted plaintext: this is what gets POSTed to the server. */
      readonly plaintext: Uint8Array;
    }
  | {
      readonly kind: 'forward';
      /** The next node's Ed25519 key, lower-case hex. */
      readonly destination: string;
      readonly ciphertext: Uint8Array;
      readonly ephemeralKey: Uint8Array;
      readonly encType: OnionEncType;
    };

function optionalBool(value: unknown, field: string, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new HushError('HUSH_ERR_BAD_JSON', `${field}: expected a boolean`, { details: { field } });
  return value;
}

/** Routes a layer already split from `plaintext` (see routeOnionPlaintext). */
export function routeParsedLayer(layer: ParsedLayer, plaintext: Uint8Array): OnionRoute {
  const { payload, json } = layer;
  if (Object.hasOwn(json, 'headers')) {
    return {
      kind: 'final',
      control: json,
      payload,
      json: optionalBool(json['json'], 'json', false),
      base64: optionalBool(json['base64'], 'base64', true),
    };
  }
  if (Object.hasOwn(json, 'host')) return relayRoute(json, plaintext);
  const destination = parseKeyHex(json['destination'], 'destination');
  const ephemeralKey = fromHex(parseKeyHex(json['ephemeral_key'], 'ephemeral_key'), 'ephemeral_key', 32);
  return { kind: 'forward', destination, ciphertext: payload, ephemeralKey, encType: parseEncType(json['enc_type']) };
}

function relayRoute(json: Record<string, unknown>, plaintext: Uint8Array): OnionRoute {
  const server = parseServerTarget({
    host: json['host'],
    target: json['target'],
    port: json['port'] === undefined ? 443 : json['port'],
    protocol: json['protocol'] === undefined ? 'https' : json['protocol'],
    method: 'POST', // SS always POSTs, whatever the JSON's `method` says
  });
  return { kind: 'relay', server, url: onionServerUrl(server), plaintext };
}

/** Decides what to do with a decrypted plaintext; `payload`/`ciphertext` in the result are copies. */
export function routeOnionPlaintext(plaintext: Uint8Array): OnionRoute {
  return routeParsedLayer(parseLayer(plaintext), plaintext);
}
