/**
 * One receiving client per account directory. Two processes polling the same account (say
 * `hush listen` while the web app runs on the same data dir) would each take part of the incoming
 * messages and advance the same `last_hash`: each would miss what the other got. So a client that
 * receives holds `<dataDir>/receive.lock` (its pid) for as long as it runs; a second one is
 * refused with HUSH_ERR_ALREADY_RUNNING naming the holder. Clients that only send or read (`receive: false`)
 * need no lock: SQLite (WAL) lets them share the database. A lock whose process is gone (a crash,
 * kill -9) is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HushError } from '@hush/core';

export const RECEIVE_LOCK_FILE = 'receive.lock';
/** Attempts to replace a stale lock before giving up (another process may be doing the same). */
const TAKEOVER_ATTEMPTS = 3;

export interface ReceiveLock {
  /** Removes the lock file (if still ours); idempotent. */
  release(): void;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid in a lock file, or null when the file is unreadable, damaged or gone. */
function holderOf(path: string): number | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return null;
  }
  const pid = /^(\d{1,10})\n?$/.exec(text)?.[1];
  return pid === undefined ? null : Number(pid);
}

function tryCreate(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o600);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw err;
  }
  try {
    writeSync(fd, `${process.pid}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

export function acquireReceiveLock(dataDir: string): ReceiveLock {
  const path = join(dataDir, RECEIVE_LOCK_FILE);
  for (let attempt = 0; attempt < TAKEOVER_ATTEMPTS; attempt++) {
    if (tryCreate(path)) return ownLock(path);
    const holder = holderOf(path);
    if (holder !== null && holder !== process.pid && processAlive(holder)) {
      throw new HushError(
        'HUSH_ERR_ALREADY_RUNNING',
        `the account in ${dataDir} is already receiving in another process (pid ${holder}): use that one (for example the web app), or stop it first`,
        { details: { dataDir, pid: holder } },
      );
    }
    if (holder === process.pid) {
      throw new HushError('HUSH_ERR_ALREADY_RUNNING', `the account in ${dataDir} is already receiving in this process: close that client first`, { details: { dataDir, pid: holder } });
    }
    // Stale (its process is gone) or damaged: remove it and try again.
    try {
      unlinkSync(path);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
  }
  throw new HushError('HUSH_ERR_ALREADY_RUNNING', `could not take ${path}: other processes keep replacing it`, { details: { dataDir } });
}

function ownLock(path: string): ReceiveLock {
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      if (holderOf(path) !== process.pid) return;
      try {
        unlinkSync(path);
      } catch {
        // already gone
      }
    },
  };
}
