/**
 * Creates a file atomically and exclusively: the content goes to a temporary file beside it
 * (mode 0600, fsynced), which is then hard-linked to the final name. link(2) fails with EEXIST
 * when the name is taken, so of two concurrent writers exactly one wins and nobody ever sees a
 * half-written file. On file systems without hard links it falls back to an exclusive
 * `open(…, 'wx')` of the final name (still exclusive, no longer all-or-nothing on a crash).
 */
import { link, open, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const NO_LINK_CODES = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function errnoCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

async function writeSynced(path: string, data: string, mode: number): Promise<void> {
  const handle = await open(path, 'wx', mode);
  try {
    await handle.chmod(mode); // the umask may have taken bits away; make it exact
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function syncDir(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Some platforms cannot fsync a directory; the file itself is already on disk.
  } finally {
    await handle?.close();
  }
}

async function linkOrWrite(tmp: string, path: string, data: string, mode: number): Promise<void> {
  try {
    await link(tmp, path);
  } catch (err) {
    if (!NO_LINK_CODES.has(String(errnoCode(err)))) throw err;
    await writeSynced(path, data, mode);
  }
}

/**
 * Writes `data` to the new file `path` with `mode`. Throws the system error EEXIST (code
 * 'EEXIST') when `path` already exists; `tmpTag` makes the temporary name unique.
 */
export async function writeNewFileAtomic(path: string, data: string, mode: number, tmpTag: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${tmpTag}.tmp`);
  try {
    await writeSynced(tmp, data, mode);
    await linkOrWrite(tmp, path, data, mode);
  } finally {
    await rm(tmp, { force: true });
  }
  await syncDir(dirname(path));
}
