/**
 * Reads one column of a row from disk as `unknown` and checks it: any value this version would not
 * have written is HUSH_ERR_BAD_DATABASE naming the table and column, never a TypeError later.
 */
import { damagedColumn } from './db-errors.ts';

const USER_ID_RE = /^05[0-9a-f]{64}$/;

export interface RowFields {
  /** A non-negative safe integer. */
  int(column: string, max?: number): number;
  intOrNull(column: string): number | null;
  /** 0 or 1. */
  bool(column: string): boolean;
  /** A string of at most `maxBytes` UTF-8 bytes. */
  text(column: string, maxBytes: number): string;
  textOrNull(column: string, maxBytes: number): string | null;
  oneOf<T extends string>(column: string, allowed: readonly T[]): T;
  /** A canonical 05… Session ID. */
  sessionId(column: string): string;
}

export function rowFields(row: unknown, file: string, table: string): RowFields {
  if (typeof row !== 'object' || row === null) throw damagedColumn(file, table, '*', 'not a row');
  const r = row as Record<string, unknown>;
  const fail = (column: string, problem: string): never => {
    throw damagedColumn(file, table, column, problem);
  };
  const int = (column: string, max = Number.MAX_SAFE_INTEGER): number => {
    const v = r[column];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0 || v > max) return fail(column, `expected an integer in 0..${max}`);
    return v;
  };
  const text = (column: string, maxBytes: number): string => {
    const v = r[column];
    if (typeof v !== 'string') return fail(column, 'expected text');
    if (v.length > maxBytes || Buffer.byteLength(v, 'utf8') > maxBytes) return fail(column, `longer than ${maxBytes} bytes`);
    return v;
  };
  return {
    int,
    intOrNull: (column) => (r[column] === null ? null : int(column)),
    bool: (column) => int(column, 1) === 1,
    text,
    textOrNull: (column, maxBytes) => (r[column] === null ? null : text(column, maxBytes)),
    oneOf: <T extends string>(column: string, allowed: readonly T[]): T => {
      const v = r[column];
      if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) return fail(column, `expected one of ${allowed.join(', ')}`);
      return v as T;
    },
    sessionId: (column) => {
      const v = r[column];
      if (typeof v !== 'string' || !USER_ID_RE.test(v)) return fail(column, 'expected a 05… Session ID');
      return v;
    },
  };
}
