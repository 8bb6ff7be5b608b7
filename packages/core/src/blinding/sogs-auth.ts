/**
 * Community (SOGS) request authentication (session-client.md §8.3; session-pysogs
 * `sogs/routes/auth.py`, Session Desktop `sogsBlinding.ts`). Four headers on the outermost request:
 *   X-SOGS-Pubkey     `15` + blinded key (or `00` + the raw Ed25519 key on servers without `blind`)
 *   X-SOGS-Nonce      16 random bytes, base64 (the server also takes hex)
 *   X-SOGS-Timestamp  unix seconds, decimal
 *   X-SOGS-Signature  base64 Ed25519 signature over
 *                     server_pk || nonce || ts || METHOD || utf8(path) [|| blake2b64(body) if non-empty]
 * `path` is the request path with its query, URL-decoded (pysogs: decoded path, then `?` + query
 * string when there is one).
 */
import { assertBytes, concatBytes, fromBase64, fromHex, toBase64, toHex, utf8 } from '../bytes.ts';
import { blake2b, edPkToCurve, ed25519IsValidPoint, signDetached, verifyDetached } from '../crypto/sodium.ts';
import { HushError } from '../errors.ts';
import type { Ed25519SecretKey, SessionId } from '../types.ts';
import { blind15KeyPair, blind15Sign, checkEdSecretKey } from './blind15.ts';

export interface SogsAuthHeaders {
  readonly 'X-SOGS-Pubkey': string;
  readonly 'X-SOGS-Nonce': string;
  readonly 'X-SOGS-Timestamp': string;
  readonly 'X-SOGS-Signature': string;
}

export interface SignSogsRequestParameters {
  readonly edSk64: Ed25519SecretKey;
  readonly serverPk: Uint8Array;
  readonly method: string;
  /** Path with query, not URL-encoded (what the server sees after decoding). */
  readonly path: string;
  readonly body?: Uint8Array;
  readonly timestampSeconds: number;
  /** 16 fresh random bytes; the server refuses a nonce it has seen. */
  readonly nonce16: Uint8Array;
  /** true: 15-blinded key (servers with the `blind` capability); false: `00` + raw Ed25519 key. */
  readonly blind: boolean;
}

export interface VerifySogsRequestParameters {
  /** The request's headers as received (names are matched case-insensitively). */
  readonly headers: unknown;
  readonly serverPk: Uint8Array;
  readonly method: string;
  /** Decoded path, plus `?` + the raw query string when the request has one. */
  readonly path: string;
  readonly body?: Uint8Array;
  readonly nowSeconds: number;
  /** Largest accepted |timestamp − now|; pysogs uses 24 hours. */
  readonly maxSkewSeconds?: number;
}

export interface VerifiedSogsRequest {
  /** `15…` for a blinded key, `05…` (converted from the Ed25519 key) for a `00` key. */
  readonly sessionId: SessionId;
  readonly blinded: boolean;
  /** The decoded nonce, for the caller's reuse check. */
  readonly nonce: Uint8Array;
  readonly timestampSeconds: number;
}

const DEFAULT_MAX_SKEW_SECONDS = 24 * 60 * 60;
const METHOD_RE = /^[A-Z]{1,16}$/;
const TIMESTAMP_RE = /^[0-9]{1,12}$/;
const HEX_RE = /^[0-9a-fA-F]*$/;
const LONE_SURROGATE_RE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const HEADER_NAMES = ['X-SOGS-Pubkey', 'X-SOGS-Nonce', 'X-SOGS-Timestamp', 'X-SOGS-Signature'] as const;

function badArgument(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function checkMethod(method: unknown): string {
  if (typeof method !== 'string' || !METHOD_RE.test(method)) throw badArgument('method', 'expected an upper-case HTTP method');
  return method;
}

function checkPath(path: unknown): string {
  if (typeof path !== 'string' || !path.startsWith('/')) throw badArgument('path', 'expected a string starting with "/"');
  if (LONE_SURROGATE_RE.test(path)) throw badArgument('path', 'not valid Unicode (lone surrogate)');
  return path;
}

/** The bytes a SOGS request signature covers. `timestamp` is the header's exact text. */
export function sogsRequestMessage(parts: {
  readonly serverPk: Uint8Array;
  readonly nonce16: Uint8Array;
  readonly timestamp: string;
  readonly method: string;
  readonly path: string;
  readonly body?: Uint8Array | undefined;
}): Uint8Array {
  assertBytes(parts.serverPk, 'serverPk', 32);
  assertBytes(parts.nonce16, 'nonce16', 16);
  if (!TIMESTAMP_RE.test(parts.timestamp)) throw badArgument('timestamp', 'expected decimal unix seconds');
  const head = [parts.serverPk, parts.nonce16, utf8(parts.timestamp), utf8(checkMethod(parts.method)), utf8(checkPath(parts.path))];
  if (parts.body === undefined) return concatBytes(...head);
  assertBytes(parts.body, 'body');
  return parts.body.length === 0 ? concatBytes(...head) : concatBytes(...head, blake2b(64, parts.body));
}

/** Builds the four X-SOGS-* headers for one request. */
export function signSogsRequest(params: SignSogsRequestParameters): SogsAuthHeaders {
  const sk = checkEdSecretKey(params.edSk64, 'edSk64');
  const ts = params.timestampSeconds;
  if (!Number.isSafeInteger(ts) || ts < 0) throw badArgument('timestampSeconds', 'expected a non-negative integer');
  const timestamp = String(ts);
  const message = sogsRequestMessage({ ...params, timestamp });
  const pubkey = params.blind ? `15${toHex(blind15KeyPair(sk, params.serverPk).publicKey)}` : `00${toHex(sk.subarray(32))}`;
  const signature = params.blind ? blind15Sign(sk, params.serverPk, message) : signDetached(message, sk);
  return {
    'X-SOGS-Pubkey': pubkey,
    'X-SOGS-Nonce': toBase64(params.nonce16),
    'X-SOGS-Timestamp': timestamp,
    'X-SOGS-Signature': toBase64(signature),
  };
}

/** Hex (2·size characters) or base64 (padded or not) of exactly `size` bytes, as pysogs accepts. */
function decodeHexOrBase64(value: string, size: number, field: string): Uint8Array {
  if (value.length === size * 2 && HEX_RE.test(value)) return fromHex(value, field, size);
  const padded = Math.ceil(size / 3) * 4;
  const unpadded = Math.ceil((size * 4) / 3);
  if (value.length >= unpadded && value.length <= padded) {
    try {
      const bytes = fromBase64(value, field);
      if (bytes.length === size) return bytes;
    } catch {
      // reported below with the header's name
    }
  }
  throw badArgument(field, `expected ${size} bytes as hex or base64`);
}

/** The four header values; null when none is present, an error when only some are. */
function readHeaders(headers: unknown): Map<string, string> | null {
  if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) throw badArgument('headers', 'expected an object');
  const byLowerName = new Map<string, unknown>();
  for (const [name, value] of Object.entries(headers)) byLowerName.set(name.toLowerCase(), value);
  const found = new Map<string, string>();
  for (const name of HEADER_NAMES) {
    const value = byLowerName.get(name.toLowerCase());
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw badArgument(name, 'expected a single string value');
    found.set(name, value);
  }
  if (found.size === 0) return null;
  if (found.size < HEADER_NAMES.length) {
    const missing = HEADER_NAMES.filter((name) => !found.has(name));
    throw badArgument(missing[0]!, `missing (${missing.join(', ')})`);
  }
  return found;
}

function parsePubkey(value: string): { readonly key: Uint8Array; readonly sessionId: SessionId; readonly blinded: boolean } {
  const raw = decodeHexOrBase64(value, 33, 'X-SOGS-Pubkey');
  const key = raw.subarray(1);
  const bad = (message: string): HushError =>
    new HushError('HUSH_ERR_BAD_KEY', `X-SOGS-Pubkey: ${message}`, { details: { field: 'X-SOGS-Pubkey' } });
  if (raw[0] !== 0x15 && raw[0] !== 0x00) throw bad('must start with 15 (blinded) or 00 (unblinded)');
  if (!ed25519IsValidPoint(key)) throw bad('not a valid Ed25519 public key');
  const blinded = raw[0] === 0x15;
  const sessionId = (blinded ? `15${toHex(key)}` : `05${toHex(edPkToCurve(key))}`) as SessionId;
  return { key, sessionId, blinded };
}

function parseTimestamp(value: string, nowSeconds: number, maxSkewSeconds: number): number {
  if (!TIMESTAMP_RE.test(value)) throw badArgument('X-SOGS-Timestamp', 'expected decimal unix seconds');
  const ts = Number(value);
  if (!Number.isFinite(nowSeconds) || !(maxSkewSeconds >= 0)) throw badArgument('nowSeconds', 'expected finite numbers');
  if (Math.abs(ts - nowSeconds) > maxSkewSeconds) {
    throw new HushError('HUSH_ERR_TIMESTAMP_MISMATCH', 'X-SOGS-Timestamp: too far from the server clock', {
      details: { field: 'X-SOGS-Timestamp', timestamp: ts, now: nowSeconds, maxSkewSeconds },
    });
  }
  return ts;
}

/**
 * Server side: checks a request's X-SOGS-* headers. Returns null when the request carries none (an
 * anonymous request). Errors, as pysogs maps them to HTTP: HUSH_ERR_BAD_ARGUMENT / HUSH_ERR_BAD_KEY
 * (400: missing or malformed header, unknown key prefix), HUSH_ERR_TIMESTAMP_MISMATCH (425: clock
 * skew), HUSH_ERR_BAD_SIGNATURE (401). Nonce reuse and bans are the caller's to check.
 */
export function verifySogsRequest(params: VerifySogsRequestParameters): VerifiedSogsRequest | null {
  const values = readHeaders(params.headers);
  if (values === null) return null;
  const { key, sessionId, blinded } = parsePubkey(values.get('X-SOGS-Pubkey')!);
  const nonce = decodeHexOrBase64(values.get('X-SOGS-Nonce')!, 16, 'X-SOGS-Nonce');
  const signature = decodeHexOrBase64(values.get('X-SOGS-Signature')!, 64, 'X-SOGS-Signature');
  const timestamp = values.get('X-SOGS-Timestamp')!;
  const timestampSeconds = parseTimestamp(timestamp, params.nowSeconds, params.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS);
  const message = sogsRequestMessage({ ...params, nonce16: nonce, timestamp });
  if (!verifyDetached(signature, message, key)) {
    throw new HushError('HUSH_ERR_BAD_SIGNATURE', 'X-SOGS-Signature: verification failed', {
      details: { field: 'X-SOGS-Signature' },
    });
  }
  return { sessionId, blinded, nonce, timestampSeconds };
}
