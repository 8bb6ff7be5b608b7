/**
 * Strict bencode decoder: accepts exactly one canonical encoding — no leading zeros, no `-0`,
 * dictionary keys strictly ascending by bytes (so no duplicates) and valid UTF-8, nothing after
 * the value, bounded nesting and size. Errors name the byte position.
 */
import { HushError } from './errors.ts';
import { BENCODE_INT_MAX, BENCODE_INT_MIN, BENCODE_MAX_DEPTH, compareBytes } from './bencode.ts';
import type { BencodeValue } from './bencode.ts';

/** Largest input the decoder accepts (onion bodies carry files of up to 10 MB). */
export const BENCODE_MAX_BYTES = 16 * 1024 * 1024;

const keyDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const E = 0x65; // 'e'

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
    const value = BigInt(text);
    if (value < BENCODE_INT_MIN || value > BENCODE_INT_MAX) throw this.fail('integer outside int64/uint64 range', start);
    return value;
  }

  private string(): Uint8Array {
    const start = this.pos;
    const text = this.token(0x3a, 10);
    if (!/^(?:0|[1-9][0-9]*)$/.test(text)) throw this.fail(`invalid string length "${text}"`, start);
    const length = Number(text);
    const available = this.bytes.length - this.pos;
    if (length > available) throw this.fail(`string of ${length} bytes but only ${available} remain`, start);
    const out = new Uint8Array(this.bytes.subarray(this.pos, this.pos + length)); // a copy, also for Buffers
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
