/**
 * SQLite's own failures → HushError: a damaged or foreign file is HUSH_ERR_BAD_DATABASE, anything
 * else (disk full, I/O error, locked by another process past the busy timeout) HUSH_ERR_STORAGE.
 * Both name the file and keep SQLite's code in details. HushErrors and other errors pass through.
 */
import Database from 'better-sqlite3';
import { HushError } from '@hush/core';
import { badDatabase } from './db-errors.ts';

const DAMAGED = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_INDEX', 'SQLITE_CORRUPT_SEQUENCE', 'SQLITE_CORRUPT_VTAB']);

export function toStorageError(err: unknown, file: string): unknown {
  if (!(err instanceof Database.SqliteError)) return err;
  if (err.code === 'SQLITE_NOTADB') return badDatabase(file, 'not a SQLite database (or encrypted)', { sqlite: err.code });
  if (DAMAGED.has(err.code)) return badDatabase(file, `damaged: ${err.message}`, { sqlite: err.code });
  return new HushError('HUSH_ERR_STORAGE', `messenger database ${file}: ${err.message}`, {
    details: { file, sqlite: err.code },
    cause: err,
  });
}

/**
 * Wraps every method of `target`: SQLite errors are converted, and once `isClosed()` is true every
 * call but `close` throws HUSH_ERR_CLOSED.
 */
export function guardMethods<T extends object>(target: T, file: string, isClosed: () => boolean): T {
  const guarded: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(target)) {
    if (typeof value !== 'function' || key === 'close') {
      guarded[key] = value;
      continue;
    }
    guarded[key] = (...args: unknown[]): unknown => {
      if (isClosed()) throw new HushError('HUSH_ERR_CLOSED', `messenger database ${file} is closed`, { details: { file } });
      try {
        return (value as (...a: unknown[]) => unknown)(...args);
      } catch (err) {
        throw toStorageError(err, file);
      }
    };
  }
  return guarded as T;
}
