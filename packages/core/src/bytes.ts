import { HushError } from './errors.ts';

const HEX_RE = /^(?:[0-9a-fA-F]{2})*$/;
const B64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

/**
 * Parses lowercase or uppercase hex. `field` names the value in the error; `length`, when given,
 * is the required length in bytes.
 */
export function fromHex(hex: unknown, field: string, length?: number): Uint8Array {
  if (typeof hex !== 'string' || !HEX_RE.test(hex)) {
    throw new HushError('HUSH_ERR_BAD_HEX', `${field}: expected a hex string`, { details: { field } });
  }
  if (length !== undefined && hex.length !== length * 2) {
    throw new HushError('HUSH_ERR_BAD_LENGTH', `${field}: expected ${length} bytes, got ${hex.length / 2}`, {
      details: { field, expected: length, got: hex.length / 2 },
    });
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

/** Standard base64 with padding. */
export function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** Standard base64 without `=` padding (Session's message hashes). */
export function toBase64NoPad(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/=+$/, '');
}

/** Strict standard base64 (padding optional). Rejects URL-safe and stray characters. */
export function fromBase64(b64: unknown, field: string): Uint8Array {
  if (typeof b64 !== 'string' || b64.length % 4 === 1 || !B64_RE.test(b64)) {
    throw new HushError('HUSH_ERR_BAD_BASE64', `${field}: expected standard base64`, { details: { field } });
  }
  return new Uint8Array(Buffer.from(b64, 'base64'));
}

export function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

export function fromUtf8(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

export function concatBytes(...parts: readonly Uint8Array[]): Uint8Array {
  let total = 0;
  for (const p of parts) total += p.length;
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i]! ^ b[i]!;
  return diff === 0;
}

/** Throws HUSH_ERR_BAD_LENGTH unless `bytes` is a Uint8Array of exactly `length` bytes. */
export function assertBytes(bytes: unknown, field: string, length?: number): asserts bytes is Uint8Array {
  if (!(bytes instanceof Uint8Array)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: expected bytes`, { details: { field } });
  }
  if (length !== undefined && bytes.length !== length) {
    throw new HushError('HUSH_ERR_BAD_LENGTH', `${field}: expected ${length} bytes, got ${bytes.length}`, {
      details: { field, expected: length, got: bytes.length },
    });
  }
}
