/** Parsing JSON that came from outside: bounded, never throws a TypeError, names the field. */
import { HushError } from '@hush/core';

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseJsonText(text: string, field: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${field}: not valid JSON`, { details: { field }, cause });
  }
}

export function parseJsonBytes(bytes: Uint8Array, field: string, maxBytes: number): unknown {
  if (bytes.length > maxBytes) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `${field}: ${bytes.length} bytes is more than ${maxBytes}`, { details: { field, max: maxBytes } });
  }
  return parseJsonText(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), field);
}

export function parseJsonObject(bytes: Uint8Array, field: string, maxBytes: number): Record<string, unknown> {
  const value = parseJsonBytes(bytes, field, maxBytes);
  if (!isPlainObject(value)) throw new HushError('HUSH_ERR_BAD_JSON', `${field}: expected a JSON object`, { details: { field } });
  return value;
}

/** A short printable excerpt of a plain-text body, for error details. */
export function textExcerpt(bytes: Uint8Array, maxChars: number): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, maxChars * 4)).toString('utf8');
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, maxChars);
}
