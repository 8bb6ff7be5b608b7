/**
 * Onion layer framing (session-network.md §7.2): `u32_le(len(payload)) || payload || UTF-8 JSON`.
 * The same framing carries the wire body sent to the first hop, every decrypted hop plaintext and
 * the request a relay node POSTs to a server.
 */
import { HushError } from '../errors.ts';
import { assertBytes } from '../bytes.ts';
import { parseJsonObject } from './json-object.ts';

/** Largest layer accepted or produced: the storage server's 10 MiB HTTP body limit. */
export const ONION_LAYER_MAX_BYTES = 10 * 1024 * 1024;
/** Largest control JSON in a layer (real ones are < 300 bytes). */
export const ONION_LAYER_MAX_JSON_BYTES = 64 * 1024;

export interface ParsedLayer {
  readonly payload: Uint8Array;
  readonly json: Record<string, unknown>;
}

function tooLarge(field: string, got: number, max: number): HushError {
  return new HushError('HUSH_ERR_TOO_LARGE', `${field}: ${got} bytes exceeds ${max}`, { details: { field, got, max } });
}

function stringifyLayerJson(json: Record<string, unknown>): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(json);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', 'layer json: not serialisable', { details: { field: 'layer json' }, cause });
  }
  if (typeof text !== 'string') throw new HushError('HUSH_ERR_BAD_JSON', 'layer json: not serialisable');
  return text;
}

/**
 * Frames `payload` with JSON given as UTF-8 bytes or as text (written as UTF-8), into one
 * exact-size allocation.
 */
export function frameLayer(payload: Uint8Array, json: Uint8Array | string): Uint8Array {
  assertBytes(payload, 'layer payload');
  if (typeof json !== 'string') assertBytes(json, 'layer json');
  const jsonLength = typeof json === 'string' ? Buffer.byteLength(json, 'utf8') : json.length;
  if (jsonLength > ONION_LAYER_MAX_JSON_BYTES) throw tooLarge('layer json', jsonLength, ONION_LAYER_MAX_JSON_BYTES);
  const total = 4 + payload.length + jsonLength;
  if (total > ONION_LAYER_MAX_BYTES) throw tooLarge('onion layer', total, ONION_LAYER_MAX_BYTES);
  const out = new Uint8Array(total);
  new DataView(out.buffer).setUint32(0, payload.length, true); // u32 little-endian
  out.set(payload, 4);
  if (typeof json !== 'string') out.set(json, 4 + payload.length);
  else Buffer.from(out.buffer).write(json, 4 + payload.length, jsonLength, 'utf8');
  return out;
}

/** `json` is an object to serialise, or already-serialised UTF-8 JSON bytes (used verbatim). */
export function encodeLayer(payload: Uint8Array, json: Record<string, unknown> | Uint8Array): Uint8Array {
  assertBytes(payload, 'layer payload');
  return frameLayer(payload, json instanceof Uint8Array ? json : stringifyLayerJson(json));
}

/**
 * Splits a layer without copying: `payload` is a plain Uint8Array view into `bytes` (for callers
 * that own `bytes`, such as a freshly decrypted plaintext). Throws as parseLayer.
 */
export function splitLayer(bytes: Uint8Array): ParsedLayer {
  assertBytes(bytes, 'onion layer');
  if (bytes.length > ONION_LAYER_MAX_BYTES) throw tooLarge('onion layer', bytes.length, ONION_LAYER_MAX_BYTES);
  if (bytes.length < 4) {
    throw new HushError('HUSH_ERR_BAD_ONION_LAYER', `onion layer: ${bytes.length} bytes, need at least 4 for the length`, {
      details: { field: 'length', available: bytes.length },
    });
  }
  const declared = (bytes[0]! | (bytes[1]! << 8) | (bytes[2]! << 16) | (bytes[3]! << 24)) >>> 0; // u32 little-endian
  const available = bytes.length - 4;
  if (declared > available) {
    throw new HushError('HUSH_ERR_BAD_ONION_LAYER', `onion layer: length field says ${declared} bytes but only ${available} follow`, {
      details: { field: 'length', declared, available },
    });
  }
  const payload = new Uint8Array(bytes.buffer, bytes.byteOffset + 4, declared);
  const json = parseJsonObject(bytes.subarray(4 + declared), 'onion layer json', ONION_LAYER_MAX_JSON_BYTES);
  return { payload, json };
}

/**
 * Splits a layer; `payload` is a copy. Throws HUSH_ERR_BAD_ONION_LAYER for a missing length or a
 * length larger than what follows (naming both sizes), HUSH_ERR_TOO_LARGE past the limits,
 * HUSH_ERR_BAD_JSON when the rest is not a UTF-8 JSON object.
 */
export function parseLayer(bytes: Uint8Array): ParsedLayer {
  const { payload, json } = splitLayer(bytes);
  return { payload: payload.slice(), json };
}
