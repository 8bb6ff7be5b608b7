/**
 * Minimal strict bencode (BitTorrent encoding) as Session uses it: onion v4 framing, OMQ/QUIC
 * request bodies. Integers decode to bigint, byte strings to Uint8Array, lists to arrays and
 * dictionaries to Maps keyed by UTF-8 text. The decoder accepts exactly one canonical encoding:
 * no leading zeros, no `-0`, dictionary keys strictly ascending by bytes, nothing after the value.
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
/** Largest input the decoder accepts (onion bodies carry files of up to 10 MB). */
export const BENCODE_MAX_BYTES = 16 * 1024 * 1024;

const keyDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const E = 0x65; // 'e'

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

function encodeInto(value: BencodeInput, parts: Uint8Array[], depth: number, path: string): void {
  if (depth > BENCODE_MAX_DEPTH) throw badInput('nesting too deep', path);
  if (typeof value === 'bigint') parts.push(utf8(`i${value}e`));
  else if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw badInput('numbers must be safe integers', path);
    parts.push(utf8(`i${value}e`));
  } else if (typeof value === 'string') encodeString(utf8(value), parts);
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

/** Decodes exactly one bencoded value filling all of `bytes`; throws HUSH_ERR_BAD_BENCODE naming the byte position. */
export function bdecode(bytes: Uint8Array): BencodeValue {
  if (!(bytes instanceof Uint8Array)) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'bencode: expected bytes');
  if (bytes.length > BENCODE_MAX_BYTES) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `bencode: ${bytes.length} bytes exceeds ${BENCODE_MAX_BYTES}`, {
      details: { got: bytes.length, max: BENCODE_MAX_BYTES },
    });
  }
  const reader = new Reader(bytes);
  const value = reader.value(0);
  if (reader.pos !== bytes.length) throw reader.fail('trailing bytes after the value');
  return value;
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  fail(message: string, position = this.pos): HushError {
    return new HushError('HUSH_ERR_BAD_BENCODE', `bencode: ${message} at byte ${position}`, { details: { position } });
  }

  private peek(): number {
    const b = this.bytes[this.pos];
    if (b === undefined) throw this.fail('unexpected end of input');
    return b;
  }

  value(depth: number): BencodeValue {
    if (depth > BENCODE_MAX_DEPTH) throw this.fail('nesting too deep');
    const b = this.peek();
    if (b === 0x69) return this.integer();
    if (b >= 0x30 && b <= 0x39) return this.string();
    if (b === 0x6c) return this.list(depth);
    if (b === 0x64) return this.dict(depth);
    throw this.fail(`unexpected byte 0x${b.toString(16).padStart(2, '0')}`);
  }

  /** Reads ASCII up to `stop`, at most `max` characters. */
  private token(stop: number, max: number): string {
    const start = this.pos;
    while (this.peek() !== stop) {
      if (this.pos - start >= max) throw this.fail('number too long', start);
      this.pos++;
    }
    const text = String.fromCharCode(...this.bytes.subarray(start, this.pos));
    this.pos++; // the stop byte
    return text;
  }

  private integer(): bigint {
    const start = ++this.pos;
    const text = this.token(E, 21);
    if (!/^(?:0|-?[1-9][0-9]*)$/.test(text)) throw this.fail(`invalid integer "${text}"`, start);
    return BigInt(text);
  }

  private string(): Uint8Array {
    const start = this.pos;
    const text = this.token(0x3a, 10);
    if (!/^(?:0|[1-9][0-9]*)$/.test(text)) throw this.fail(`invalid string length "${text}"`, start);
    const length = Number(text);
    const available = this.bytes.length - this.pos;
    if (length > available) throw this.fail(`string of ${length} bytes but only ${available} remain`, start);
    const out = this.bytes.slice(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  private list(depth: number): BencodeValue[] {
    this.pos++;
    const out: BencodeValue[] = [];
    while (this.peek() !== E) out.push(this.value(depth + 1));
    this.pos++;
    return out;
  }

  private dict(depth: number): Map<string, BencodeValue> {
    this.pos++;
    const out = new Map<string, BencodeValue>();
    let previous: Uint8Array | undefined;
    while (this.peek() !== E) {
      const at = this.pos;
      const b = this.peek();
      if (b < 0x30 || b > 0x39) throw this.fail('dictionary key must be a string');
      const key = this.string();
      if (previous !== undefined && compareBytes(previous, key) >= 0) throw this.fail('dictionary keys not in strictly ascending order', at);
      previous = key;
      let name: string;
      try {
        name = keyDecoder.decode(key);
      } catch {
        throw this.fail('dictionary key is not UTF-8', at);
      }
      out.set(name, this.value(depth + 1));
    }
    this.pos++;
    return out;
  }
}
