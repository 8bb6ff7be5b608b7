export interface Mismatch {
  readonly field: string;
  readonly expected: unknown;
  readonly got: unknown;
}

function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
}

/**
 * Compares every field of `expect` against `got` (the fields a handler produced). Hex strings compare
 * case-insensitively only where the vector author wrote uppercase; otherwise values must be equal as JSON.
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
