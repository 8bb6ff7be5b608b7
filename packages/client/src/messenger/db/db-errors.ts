/** The errors the messenger database throws, each naming what it is about. */
import { HushError } from '@hush/core';

/** The file as a whole is unusable: not SQLite, from a newer Hush, another account's, not Hush's. */
export function badDatabase(file: string, problem: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_BAD_DATABASE', `messenger database ${file}: ${problem}`, {
    details: { file, ...details },
  });
}

/** A value read back from disk is not what this version writes (a damaged or tampered row). */
export function damagedColumn(file: string, table: string, column: string, problem: string): HushError {
  return new HushError(
    'HUSH_ERR_BAD_DATABASE',
    `messenger database ${file}: damaged value in ${table}.${column}: ${problem}`,
    { details: { file, table, column } },
  );
}

export function badArgument(field: string, problem: string, details: Record<string, unknown> = {}): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${problem}`, { details: { field, ...details } });
}

/** A conversation or message id that is well formed but not in the database. */
export function notFound(field: string, what: string, value: string | number): HushError {
  return new HushError('HUSH_ERR_NOT_FOUND', `${field}: no ${what} ${value}`, { details: { field, value } });
}
