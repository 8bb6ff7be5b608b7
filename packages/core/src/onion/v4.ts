/**
 * Onion v4 framing between a client and a server (file server, community server): a bencoded list
 * `[meta_json, body?]` (session-network.md §7.3 step 1, §7.5). Requests carry
 * `{"method","endpoint","headers"?}`, responses `{"code","headers"}`.
 */
import { HushError } from '../errors.ts';
import { assertBytes, utf8 } from '../bytes.ts';
import { bencode } from '../bencode.ts';
import { bdecode } from '../bencode-decode.ts';
import { parseJsonObject, parseStringRecord } from './json-object.ts';

/** Largest metadata JSON accepted. */
export const V4_MAX_META_BYTES = 64 * 1024;
const MAX_ENDPOINT_CHARS = 4096;

export interface V4RequestInfo {
  readonly method: string;
  readonly endpoint: string;
  readonly headers?: Readonly<Record<string, string>>;
}
export interface V4Request {
  readonly method: string;
  readonly endpoint: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}
export interface V4ResponseInfo {
  readonly code: number;
  readonly headers?: Readonly<Record<string, string>>;
}
export interface V4Response {
  readonly code: number;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array | null;
}

function bad(message: string, field: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function checkMethod(method: unknown, make: (m: string, f: string) => HushError): string {
  if (typeof method !== 'string' || !/^[A-Z]{1,16}$/.test(method)) throw make('expected an upper-case HTTP method', 'method');
  return method;
}

function checkEndpoint(endpoint: unknown, make: (m: string, f: string) => HushError): string {
  if (typeof endpoint !== 'string' || !endpoint.startsWith('/') || endpoint.length > MAX_ENDPOINT_CHARS) {
    throw make(`expected a path starting with "/" (at most ${MAX_ENDPOINT_CHARS} characters)`, 'endpoint');
  }
  return endpoint;
}

function checkCode(code: unknown, make: (m: string, f: string) => HushError): number {
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 100 || code > 599) throw make('expected an HTTP status 100..599', 'code');
  return code;
}

function frame(meta: Record<string, unknown>, body: Uint8Array | undefined): Uint8Array {
  if (body !== undefined) assertBytes(body, 'body');
  const json = utf8(JSON.stringify(meta));
  return bencode(body === undefined ? [json] : [json, body]);
}

/** `l<len>:{"method","endpoint","headers"?}[<len>:<body>]e`; headers are included only when given. */
export function encodeV4Request(info: V4RequestInfo, body?: Uint8Array): Uint8Array {
  const meta: Record<string, unknown> = { method: checkMethod(info.method, bad), endpoint: checkEndpoint(info.endpoint, bad) };
  if (info.headers !== undefined) meta['headers'] = parseStringRecord(info.headers, 'headers');
  return frame(meta, body);
}

export function encodeV4Response(info: V4ResponseInfo, body?: Uint8Array): Uint8Array {
  const meta = { code: checkCode(info.code, bad), headers: parseStringRecord(info.headers ?? {}, 'headers') };
  return frame(meta, body);
}

/** Splits a v4 frame into its metadata object and optional body. Throws HUSH_ERR_BAD_BENCODE / HUSH_ERR_BAD_JSON. */
function unframe(bytes: Uint8Array, what: string): { meta: Record<string, unknown>; body: Uint8Array | null } {
  const list = bdecode(bytes);
  if (!Array.isArray(list) || list.length < 1 || list.length > 2) {
    throw new HushError('HUSH_ERR_BAD_BENCODE', `${what}: expected a list of 1 or 2 byte strings`, { details: { field: what } });
  }
  const [metaBytes, body] = list as readonly unknown[];
  if (!(metaBytes instanceof Uint8Array) || (body !== undefined && !(body instanceof Uint8Array))) {
    throw new HushError('HUSH_ERR_BAD_BENCODE', `${what}: list items must be byte strings`, { details: { field: what } });
  }
  return { meta: parseJsonObject(metaBytes, `${what} metadata`, V4_MAX_META_BYTES), body: body ?? null };
}

function badJson(message: string, field: string): HushError {
  return new HushError('HUSH_ERR_BAD_JSON', `${field}: ${message}`, { details: { field } });
}

export function parseV4Request(bytes: Uint8Array): V4Request {
  const { meta, body } = unframe(bytes, 'v4 request');
  return {
    method: checkMethod(meta['method'], badJson),
    endpoint: checkEndpoint(meta['endpoint'], badJson),
    headers: parseStringRecord(meta['headers'], 'headers'),
    body,
  };
}

export function parseV4Response(bytes: Uint8Array): V4Response {
  const { meta, body } = unframe(bytes, 'v4 response');
  return { code: checkCode(meta['code'], badJson), headers: parseStringRecord(meta['headers'], 'headers'), body };
}
