/**
 * Minimal strict bencode (BitTorrent encoding) as Session uses it: onion v4 framing, OMQ/QUIC
 * request bodies. Integers decode to bigint, byte strings to Uint8Array, lists to arrays and
 * dictionaries to Maps keyed by UTF-8 text (decoder: ./bencode-decode.ts). The encoder writes
 * dictionary keys sorted by their UTF-8 bytes; numbers must be safe integers.
 */
import { HushError } from './errors.ts';
import { concatBytes, utf8 } from './bytes.ts';

export type BencodeValue = bigint | Uint8Array | readonly BencodeValue[] | ReadonlyMap<string, BencodeValue>;
export type BencodeInput =
  | BencodeValue
  | number
  | string
  | readonly BencodeInput[]
  | ReadonlyMap<string, BencodeInput>
  | { readonly [key: string]: BencodeInput };

/** Deepest list/dict nesting accepted (encode and decode). */
export const BENCODE_MAX_DEPTH = 64;
/** Integer range (encode and decode): anything an int64 or a uint64 holds. */
export const BENCODE_INT_MIN = -(2n ** 63n);
export const BENCODE_INT_MAX = 2n ** 64n - 1n;

export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function badInput(message: string, path: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `bencode: ${message} at ${path}`, { details: { field: path } });
}

/** Encodes a value; throws HUSH_ERR_BAD_ARGUMENT (naming the path) for anything not encodable. */
export function bencode(value: BencodeInput): Uint8Array {
  const parts: Uint8Array[] = [];
  encodeInto(value, parts, 0, '$');
  return concatBytes(...parts);
}

function encodeString(bytes: Uint8Array, parts: Uint8Array[]): void {
  parts.push(utf8(`${bytes.length}:`), bytes);
}

function encodeInteger(value: bigint | number, parts: Uint8Array[], path: string): void {
  if (typeof value === 'number' && !Number.isSafeInteger(value)) throw badInput('numbers must be safe integers', path);
  if (typeof value === 'bigint' && (value < BENCODE_INT_MIN || value > BENCODE_INT_MAX)) {
    throw badInput('integer outside int64/uint64 range', path);
  }
  parts.push(utf8(`i${value}e`));
}

function encodeInto(value: BencodeInput, parts: Uint8Array[], depth: number, path: string): void {
  if (depth > BENCODE_MAX_DEPTH) throw badInput('nesting too deep', path);
  if (typeof value === 'bigint' || typeof value === 'number') encodeInteger(value, parts, path);
  else if (typeof value === 'string') encodeString(utf8(value), parts);
  else if (value instanceof Uint8Array) encodeString(value, parts);
  else if (Array.isArray(value)) {
    parts.push(utf8('l'));
    (value as readonly BencodeInput[]).forEach((v, i) => encodeInto(v, parts, depth + 1, `${path}[${i}]`));
    parts.push(utf8('e'));
  } else if (value instanceof Map || isPlainObject(value)) {
    encodeDict(value as ReadonlyMap<string, BencodeInput> | Record<string, BencodeInput>, parts, depth, path);
  } else throw badInput('unsupported value type', path);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function encodeDict(
  value: ReadonlyMap<string, BencodeInput> | Record<string, BencodeInput>,
  parts: Uint8Array[],
  depth: number,
  path: string,
): void {
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const keyed = entries.map(([k, v]) => {
    if (typeof k !== 'string') throw badInput('dictionary keys must be strings', path);
    return { key: utf8(k), name: k, v };
  });
  keyed.sort((a, b) => compareBytes(a.key, b.key));
  parts.push(utf8('d'));
  for (const { key, name, v } of keyed) {
    encodeString(key, parts);
    encodeInto(v, parts, depth + 1, `${path}.${name}`);
  }
  parts.push(utf8('e'));
}
