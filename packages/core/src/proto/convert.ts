/**
 * Schema-driven conversion between protobufjs message objects and the plain shapes of
 * `messages.ts`. One walker per direction, driven by the reflected field list, so every message
 * type gets the same rules:
 * - decode: keep only fields present on the wire, drop empty repeated fields, 64-bit integers to
 *   `number` (HUSH_ERR_BAD_PROTOBUF above 2^53 − 1) or `bigint` for the Pro bitsets, bytes to
 *   plain Uint8Array views;
 * - encode: check every value against its field type (naming the field path on failure), require
 *   required fields, reject unknown keys, and hand protobufjs only numbers and {low, high} pairs
 *   for 64-bit fields — never a bigint, which protobufjs would silently encode as 0.
 */
import protobuf from 'protobufjs';
import { HushError } from '../errors.ts';

type Obj = Record<string, unknown>;

const LONG_TYPES = new Set(['uint64', 'int64', 'sint64', 'fixed64', 'sfixed64']);
const SIGNED_LONG_TYPES = new Set(['int64', 'sint64', 'sfixed64']);
/** 64-bit fields that are bit sets, not quantities: kept whole as bigint. */
const BIGINT_FIELDS = new Set(['ProMessage.profileBitset', 'ProMessage.messageBitset']);
const INT_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  uint32: [0, 0xffffffff],
  fixed32: [0, 0xffffffff],
  int32: [-0x80000000, 0x7fffffff],
  sint32: [-0x80000000, 0x7fffffff],
  sfixed32: [-0x80000000, 0x7fffffff],
};
const TWO_32 = 0x1_0000_0000;
const UINT64_MAX = (1n << 64n) - 1n;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

function isBigintField(type: protobuf.Type, field: protobuf.Field): boolean {
  return BIGINT_FIELDS.has(`${type.name}.${field.name}`);
}

// ---------------------------------------------------------------- decode (wire → plain)

function badWire(path: string, reason: string): HushError {
  return new HushError('HUSH_ERR_BAD_PROTOBUF', `${path}: ${reason}`, { details: { field: path } });
}

function wireLongToBigint(value: unknown, signed: boolean): bigint {
  if (typeof value === 'number') return BigInt(value);
  const { low, high } = value as { low: number; high: number };
  const u = (BigInt(high >>> 0) << 32n) | BigInt(low >>> 0);
  return signed ? BigInt.asIntN(64, u) : u;
}

function wireLongToNumber(value: unknown, signed: boolean, path: string): number {
  if (typeof value === 'number') {
    if (Number.isSafeInteger(value)) return value;
    throw badWire(path, `64-bit value ${value} does not fit a JavaScript number`);
  }
  const { low, high } = value as { low: number; high: number };
  if (!signed || high >= 0) {
    const hi = high >>> 0;
    if (hi <= 0x1fffff) return hi * TWO_32 + (low >>> 0);
  } else {
    const n = wireLongToBigint(value, true);
    if (n >= -BigInt(Number.MAX_SAFE_INTEGER)) return Number(n);
  }
  throw badWire(path, `64-bit value ${wireLongToBigint(value, signed)} does not fit a JavaScript number`);
}

function plainBytes(value: Uint8Array): Uint8Array {
  return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
}

function fromWireValue(type: protobuf.Type, field: protobuf.Field, value: unknown, path: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) return fromWire(resolved, value as Obj, path);
  if (LONG_TYPES.has(field.type)) {
    const signed = SIGNED_LONG_TYPES.has(field.type);
    return isBigintField(type, field) ? wireLongToBigint(value, signed) : wireLongToNumber(value, signed, path);
  }
  if (field.type === 'bytes') return plainBytes(value as Uint8Array);
  return value;
}

/** Converts a decoded protobufjs message of `type` to its plain shape. */
export function fromWire(type: protobuf.Type, message: Obj, path = type.name): Obj {
  const out: Obj = {};
  for (const field of type.fieldsArray) {
    if (!Object.hasOwn(message, field.name)) continue;
    const value = message[field.name];
    const fieldPath = `${path}.${field.name}`;
    if (field.repeated) {
      const list = value as unknown[];
      if (list.length > 0) out[field.name] = list.map((v, i) => fromWireValue(type, field, v, `${fieldPath}[${i}]`));
    } else {
      out[field.name] = fromWireValue(type, field, value, fieldPath);
    }
  }
  return out;
}

// ---------------------------------------------------------------- encode (plain → wire)

function badValue(path: string, expected: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${path}: expected ${expected}`, { details: { field: path, expected } });
}

function isPlainObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

function bigintToWire(value: unknown, signed: boolean, path: string): { low: number; high: number; unsigned: boolean } {
  const ok = typeof value === 'bigint' && (signed ? value >= INT64_MIN && value <= INT64_MAX : value >= 0n && value <= UINT64_MAX);
  if (!ok) throw badValue(path, signed ? 'a bigint in the int64 range' : 'a bigint in the uint64 range');
  const u = BigInt.asUintN(64, value);
  return { low: Number(u & 0xffffffffn) | 0, high: Number(u >> 32n) | 0, unsigned: !signed };
}

function longToWire(type: protobuf.Type, field: protobuf.Field, value: unknown, path: string): unknown {
  const signed = SIGNED_LONG_TYPES.has(field.type);
  if (isBigintField(type, field)) return bigintToWire(value, signed, path);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || (!signed && value < 0)) {
    throw badValue(path, signed ? 'a safe integer' : 'a non-negative safe integer');
  }
  return value;
}

function enumToWire(resolved: protobuf.Enum, value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || !Object.hasOwn(resolved.valuesById, value)) {
    throw badValue(path, `one of ${Object.entries(resolved.values).map(([k, v]) => `${k}=${v}`).join(', ')}`);
  }
  return value;
}

function scalarToWire(fieldType: string, value: unknown, path: string): unknown {
  const range = INT_RANGES[fieldType];
  if (range !== undefined) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < range[0] || value > range[1]) {
      throw badValue(path, `an integer in [${range[0]}, ${range[1]}] (${fieldType})`);
    }
    return value;
  }
  if (fieldType === 'string' && typeof value === 'string') return value;
  if (fieldType === 'bool' && typeof value === 'boolean') return value;
  if (fieldType === 'bytes' && value instanceof Uint8Array) return value;
  throw badValue(path, fieldType === 'bytes' ? 'a Uint8Array' : `a ${fieldType}`);
}

function toWireValue(type: protobuf.Type, field: protobuf.Field, value: unknown, path: string): unknown {
  const resolved = field.resolvedType;
  if (resolved instanceof protobuf.Type) {
    if (!isPlainObject(value)) throw badValue(path, `a ${resolved.name} object`);
    return toWire(resolved, value, path);
  }
  if (resolved instanceof protobuf.Enum) return enumToWire(resolved, value, path);
  if (LONG_TYPES.has(field.type)) return longToWire(type, field, value, path);
  return scalarToWire(field.type, value, path);
}

function checkKnownKeys(type: protobuf.Type, value: Obj, path: string): void {
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(type.fields, key) && value[key] !== undefined) {
      throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${path}.${key}: no such field in ${type.name}`, {
        details: { field: `${path}.${key}` },
      });
    }
  }
}

/** Checks a plain value against `type` and returns the object protobufjs encodes. */
export function toWire(type: protobuf.Type, value: Obj, path = type.name): Obj {
  checkKnownKeys(type, value, path);
  const out: Obj = {};
  for (const field of type.fieldsArray) {
    const v = value[field.name];
    const fieldPath = `${path}.${field.name}`;
    if (v === undefined) {
      if (field.required) throw badValue(fieldPath, 'a value (required field)');
      continue;
    }
    if (field.repeated) {
      if (!Array.isArray(v)) throw badValue(fieldPath, 'an array');
      if (v.length > 0) out[field.name] = v.map((x: unknown, i) => toWireValue(type, field, x, `${fieldPath}[${i}]`));
    } else {
      out[field.name] = toWireValue(type, field, v, fieldPath);
    }
  }
  return out;
}
