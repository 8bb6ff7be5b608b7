/**
 * Strict JSON-object parsing for bytes received from the network (onion layer control JSON, v4
 * metadata, decrypted responses): valid UTF-8, valid JSON, top-level object, bounded size.
 */
import { HushError } from '../errors.ts';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function parseJsonObject(bytes: Uint8Array, field: string, maxBytes: number): Record<string, unknown> {
  if (bytes.length > maxBytes) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `${field}: JSON of ${bytes.length} bytes exceeds ${maxBytes}`, {
      details: { field, got: bytes.length, max: maxBytes },
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${field}: not valid UTF-8 JSON`, { details: { field }, cause });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${field}: expected a JSON object`, { details: { field } });
  }
  return value as Record<string, unknown>;
}

/** Reads an optional string-valued object (HTTP-style headers); throws HUSH_ERR_BAD_JSON naming the field. */
export function parseStringRecord(value: unknown, field: string): Record<string, string> {
  if (value === undefined) return {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${field}: expected an object`, { details: { field } });
  }
  const entries = Object.entries(value as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (typeof v !== 'string') {
      throw new HushError('HUSH_ERR_BAD_JSON', `${field}.${k}: expected a string`, { details: { field: `${field}.${k}` } });
    }
  }
  return Object.fromEntries(entries) as Record<string, string>;
}
