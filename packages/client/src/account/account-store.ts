/**
 * The account on disk: `<dataDir>/account.json` (mode 0600, directory 0700). A component over one
 * data directory; it keeps no state of its own, so concurrent processes are safe: saving is
 * atomic and exclusive (of two concurrent creates exactly one wins, the other gets
 * HUSH_ERR_ACCOUNT_EXISTS), and loading checks everything it reads.
 */
import { constants } from 'node:fs';
import type { Stats } from 'node:fs';
import { chmod, lstat, open } from 'node:fs/promises';
import { join } from 'node:path';
import { HushError, deriveAccountKeys, randomBytes, toHex } from '@hush/core';
import { parseAccount, serializeAccount } from './account-file.ts';
import type { AccountRecord } from './account-file.ts';
import { writeNewFileAtomic } from '../runtime/atomic-write.ts';
import { ACCOUNT_SEED_SIZES, MAX_ACCOUNT_FILE_BYTES } from './account-limits.ts';
import { makeDirs } from '../runtime/make-dir.ts';
import { withIoContext } from '../runtime/io-context.ts';

export const ACCOUNT_FILE_NAME = 'account.json';
export const ACCOUNT_FILE_MODE = 0o600;
export const DATA_DIR_MODE = 0o700;

export interface LoadedAccount extends AccountRecord {
  readonly file: string;
  /** True when group or others have any permission on the file (it should be 0600). */
  readonly exposed: boolean;
}

export interface AccountStore {
  readonly dataDir: string;
  readonly file: string;
  /** Whether something (even a damaged file) is at the account file's path. */
  exists(): Promise<boolean>;
  /** Reads and checks the account. HUSH_ERR_NO_ACCOUNT when there is none. */
  load(): Promise<LoadedAccount>;
  /** Stores a new account from its seed. HUSH_ERR_ACCOUNT_EXISTS when one is already there. */
  save(seed: Uint8Array): Promise<AccountRecord>;
}

export interface AccountStoreOptions {
  /** Absolute path of the data directory. */
  readonly dataDir: string;
}

function errnoCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

export function accountExistsError(file: string): HushError {
  return new HushError(
    'HUSH_ERR_ACCOUNT_EXISTS',
    `an account already exists in ${file}; refusing to overwrite it (use --data-dir DIR to keep another account elsewhere)`,
    { details: { file } },
  );
}

export function noAccountError(dataDir: string): HushError {
  return new HushError(
    'HUSH_ERR_NO_ACCOUNT',
    `no account in ${dataDir}: run "hush account create" to make one, or "hush account restore" to restore one from its recovery phrase`,
    { details: { dataDir } },
  );
}

async function exists(file: string): Promise<boolean> {
  try {
    await lstat(file);
    return true;
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return false;
    throw err;
  }
}

function badFile(file: string, problem: string): HushError {
  return new HushError('HUSH_ERR_BAD_ACCOUNT_FILE', `bad account file ${file}: ${problem}`, { details: { file } });
}

function checkStat(stat: Stats, file: string): void {
  if (!stat.isFile()) throw badFile(file, 'not a regular file');
  if (stat.size > MAX_ACCOUNT_FILE_BYTES) throw badFile(file, `larger than ${MAX_ACCOUNT_FILE_BYTES} bytes`);
}

/** Opens without blocking (a FIFO planted at the path must not hang us), then reads at most the limit. */
async function readBounded(file: string, dataDir: string): Promise<{ text: string; mode: number }> {
  let handle;
  try {
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') throw noAccountError(dataDir);
    throw err;
  }
  try {
    const stat = await handle.stat();
    checkStat(stat, file);
    const buf = Buffer.alloc(MAX_ACCOUNT_FILE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return { text: decodeUtf8(buf.subarray(0, bytesRead), file), mode: stat.mode };
  } finally {
    await handle.close();
  }
}

function decodeUtf8(bytes: Uint8Array, file: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badFile(file, 'not UTF-8 text');
  }
}

async function ensureDataDir(dataDir: string): Promise<void> {
  if (await makeDirs(dataDir, DATA_DIR_MODE)) await chmod(dataDir, DATA_DIR_MODE); // exact, whatever the umask
}

function checkSeed(seed: Uint8Array): void {
  if (!(seed instanceof Uint8Array) || !ACCOUNT_SEED_SIZES.includes(seed.length)) {
    throw new HushError('HUSH_ERR_BAD_SEED', `seed: expected ${ACCOUNT_SEED_SIZES.join(' or ')} bytes`, { details: { field: 'seed' } });
  }
}

export function createAccountStore(options: AccountStoreOptions): AccountStore {
  const { dataDir } = options;
  const file = join(dataDir, ACCOUNT_FILE_NAME);
  return {
    dataDir,
    file,
    exists: () => withIoContext(`cannot read ${file}`, () => exists(file)),
    async load() {
      const { text, mode } = await withIoContext(`cannot read ${file}`, () => readBounded(file, dataDir));
      return { ...parseAccount(text, file), file, exposed: (mode & 0o077) !== 0 };
    },
    async save(seed) {
      checkSeed(seed);
      const record = { seed: Uint8Array.from(seed), sessionId: deriveAccountKeys(seed).sessionId };
      await withIoContext(`cannot create the data directory ${dataDir}`, () => ensureDataDir(dataDir));
      const tag = toHex(randomBytes(8));
      try {
        await withIoContext(`cannot write ${file}`, () => writeNewFileAtomic(file, serializeAccount(record), ACCOUNT_FILE_MODE, tag));
      } catch (err) {
        if (errnoCode(err) === 'EEXIST') throw accountExistsError(file);
        throw err;
      }
      return record;
    },
  };
}
