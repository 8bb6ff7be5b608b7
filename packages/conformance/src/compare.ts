export interface Mismatch {
  readonly field: string;
  readonly expected: unknown;
  readonly got: unknown;
}

/** JSON with object keys sorted, so key order never decides equality; bigints as decimal strings. */
function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
      const o = x as Record<string, unknown>;
      return Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
    }
    return x;
  });
}

/**
 * Compares every field of `expect` against `got` (the fields a handler produced): values must be
 * equal as JSON (object key order aside).
 * Returns the first mismatch in `expect`'s field order, or null.
 */
export function firstMismatch(expect: Readonly<Record<string, unknown>>, got: Readonly<Record<string, unknown>>): Mismatch | null {
  for (const [field, expected] of Object.entries(expect)) {
    if (!(field in got)) return { field, expected, got: undefined };
    if (canonical(expected) !== canonical(got[field])) return { field, expected, got: got[field] };
  }
  return null;
}

/** Short printable form of a value for a FAIL line. */
export function show(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = canonical(v);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}
