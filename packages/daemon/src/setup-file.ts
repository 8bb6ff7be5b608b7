/**
 * `<dataDir>/web-setup.json`: what the web app's onboarding still has to do for an account made
 * here, so a reload (or a restart) resumes where it was: whether the user confirmed saving the
 * recovery phrase, and a display name chosen before the client could apply it. No file = nothing
 * pending (accounts made by the CLI or restored).
 */
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { HushError, toHex, randomBytes } from '@hush/core';

export const SETUP_FILE_NAME = 'web-setup.json';
const MAX_SETUP_FILE_BYTES = 4096;

export interface SetupRecord {
  readonly phraseSaved: boolean;
  readonly displayName: string | null;
}

export const NOTHING_PENDING: SetupRecord = Object.freeze({ phraseSaved: true, displayName: null });

function errnoCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

function parseSetup(text: string, file: string): SetupRecord {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HushError('HUSH_ERR_BAD_JSON', `${file}: not valid JSON`, { details: { field: 'web-setup.json' } });
  }
  const o = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const name = o['displayName'];
  return { phraseSaved: o['phraseSaved'] !== false, displayName: typeof name === 'string' && name.length <= 1024 ? name : null };
}

export async function readSetup(dataDir: string): Promise<SetupRecord> {
  const file = join(dataDir, SETUP_FILE_NAME);
  let handle;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return NOTHING_PENDING;
    throw err;
  }
  try {
    const buf = Buffer.alloc(MAX_SETUP_FILE_BYTES);
    const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
    return parseSetup(buf.subarray(0, bytesRead).toString('utf8'), file);
  } finally {
    await handle.close();
  }
}

/** Replaces the file atomically (temp file + rename), or removes it when nothing is pending. */
export async function writeSetup(dataDir: string, record: SetupRecord): Promise<void> {
  const file = join(dataDir, SETUP_FILE_NAME);
  if (record.phraseSaved && record.displayName === null) {
    await rm(file, { force: true });
    return;
  }
  const tmp = `${file}.${toHex(randomBytes(6))}.tmp`;
  const handle = await open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(JSON.stringify(record), 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(tmp, file);
}
