/**
 * The database file itself, before SQLite opens it: created with mode 0600 when missing (SQLite
 * gives its -wal and -shm files the same mode), and when it exists, a regular file whose group and
 * other permission bits are removed. File-system failures are HUSH_ERR_STORAGE naming the file.
 */
import { closeSync, constants, fchmodSync, fstatSync, openSync } from 'node:fs';
import { HushError } from '@hush/core';
import { badDatabase } from './db-errors.ts';

export const MESSENGER_DB_FILE_MODE = 0o600;

function errnoCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

function storageError(file: string, err: unknown): HushError {
  const code = errnoCode(err);
  return new HushError('HUSH_ERR_STORAGE', `messenger database ${file}: ${err instanceof Error ? err.message : String(err)}`, {
    details: { file, errno: code },
    cause: err,
  });
}

/** Opens the file, creating it (exclusively) when missing; tells which happened. */
function openOrCreate(file: string): { fd: number; created: boolean } {
  try {
    const flags = constants.O_RDWR | constants.O_CREAT | constants.O_EXCL;
    return { fd: openSync(file, flags, MESSENGER_DB_FILE_MODE), created: true };
  } catch (err) {
    if (errnoCode(err) !== 'EEXIST') throw err;
    return { fd: openSync(file, constants.O_RDWR), created: false };
  }
}

/** Makes sure `file` exists as a private regular file; returns true when it was created here. */
export function prepareDbFile(file: string): boolean {
  let opened: { fd: number; created: boolean };
  try {
    opened = openOrCreate(file);
  } catch (err) {
    throw storageError(file, err);
  }
  try {
    const st = fstatSync(opened.fd);
    if (!st.isFile()) throw badDatabase(file, 'not a regular file');
    // Whatever the umask, a new file is exactly 0600; an existing one loses group/other access.
    if (opened.created) fchmodSync(opened.fd, MESSENGER_DB_FILE_MODE);
    else if ((st.mode & 0o077) !== 0) fchmodSync(opened.fd, st.mode & 0o700);
    return opened.created;
  } catch (err) {
    throw err instanceof HushError ? err : storageError(file, err);
  } finally {
    closeSync(opened.fd);
  }
}
