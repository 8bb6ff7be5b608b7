/**
 * Typed access to request parameters, failing with Session's parse messages (SS
 * client_rpc_endpoints.cpp parse_field/require): "Invalid value given for 'x': expected …",
 * "Required field 'x' missing", "Cannot specify both 'a' and 'b'". A field set to null counts
 * as absent, as in SS.
 */
import { LIMITS } from '../limits.ts';
import { RpcParseError } from './response.ts';

export type Params = Readonly<Record<string, unknown>>;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

export function isPlainObject(v: unknown): v is Params {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The field's value, or undefined when absent or null (own properties only). */
export function field(p: Params, name: string): unknown {
  if (!Object.prototype.hasOwnProperty.call(p, name)) return undefined;
  const v = p[name];
  return v === null ? undefined : v;
}

function wrongType(name: string, desc: string): RpcParseError {
  return new RpcParseError(`Invalid value given for '${name}': expected ${desc}`);
}

const isUnsigned = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

export function optString(p: Params, name: string): string | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw wrongType(name, 'string');
  return v;
}

export function optBool(p: Params, name: string): boolean | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw wrongType(name, 'boolean');
  return v;
}

/** A 32-bit signed integer (SS `int` fields such as max_count, max_size). */
export function optInt(p: Params, name: string): number | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (!isInt(v) || v < INT32_MIN || v > INT32_MAX) throw wrongType(name, 'integer');
  return v;
}

export function optUnsigned(p: Params, name: string): number | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (!isUnsigned(v)) throw wrongType(name, 'positive integer');
  return v;
}

function checkMilliseconds(name: string, ms: number): number {
  if (ms < LIMITS.minTimestampMs) {
    throw new RpcParseError(`Invalid timestamp for '${name}': timestamp must be in milliseconds`);
  }
  return ms;
}

/** A millisecond timestamp: a non-negative integer, not plausibly in seconds. */
export function optTimestamp(p: Params, name: string): number | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (!isUnsigned(v)) throw wrongType(name, 'integer timestamp (in milliseconds)');
  return checkMilliseconds(name, v);
}

/** A timestamp, or a list of them (SS Vec<TP>); an empty list is returned as []. */
export function optTimestampList(p: Params, name: string): number[] | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  const list = Array.isArray(v) ? v : [v];
  if (!list.every(isUnsigned)) throw wrongType(name, 'timestamp array');
  return list;
}

/** A string, or a list of strings (SS Vec<Str>). */
export function optStringList(p: Params, name: string): string[] | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  const list: unknown[] = Array.isArray(v) ? v : [v];
  if (!list.every((x) => typeof x === 'string')) throw wrongType(name, 'string array');
  return list as string[];
}

export function optNamespace(p: Params, name: string): number | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (!isInt(v)) throw wrongType(name, '16-bit integer');
  if (v < -32768 || v > 32767) throw new RpcParseError(`Invalid value given for '${name}': value out of range`);
  return v === 0 ? 0 : v;
}

export function optNamespaceOrAll(p: Params, name: string): number | 'all' | undefined {
  const v = field(p, name);
  if (v === 'all') return 'all';
  if (v !== undefined && !isInt(v)) throw wrongType(name, 'integer or "all"');
  return optNamespace(p, name);
}

/** Legacy fields (`timestamp`, `ttl` of store) that may also be decimal strings. */
export function optStringifiedInt(p: Params, name: string, unsigned: boolean): number | undefined {
  const v = field(p, name);
  if (typeof v === 'string') {
    const n = /^-?[0-9]{1,16}$/.test(v) ? Number(v) : NaN;
    if (!Number.isSafeInteger(n) || (unsigned && n < 0)) throw new RpcParseError(`Invalid value given for '${name}': ${JSON.stringify(v)}`);
    return n;
  }
  return unsigned ? optUnsigned(p, name) : optInt64(p, name);
}

function optInt64(p: Params, name: string): number | undefined {
  const v = field(p, name);
  if (v === undefined) return undefined;
  if (!isInt(v)) throw wrongType(name, 'integer');
  return v;
}

export function required<T>(name: string, v: T | undefined): T {
  if (v === undefined) throw new RpcParseError(`Required field '${name}' missing`);
  return v;
}

export function atMostOneOf(a: string, va: unknown, b: string, vb: unknown): void {
  if (va !== undefined && vb !== undefined) throw new RpcParseError(`Cannot specify both '${a}' and '${b}'`);
}

/** Exactly one of two fields; `alias` = b is an old spelling of a (the error names only a). */
export function exactlyOneOf<T>(a: string, va: T | undefined, b: string, vb: T | undefined, alias = false): T {
  atMostOneOf(a, va, b, vb);
  const v = va ?? vb;
  if (v === undefined) throw new RpcParseError(alias ? `Required field '${a}' missing` : `Required field '${a}' or '${b}' missing`);
  return v;
}
