/**
 * `mkdir -p` that always terminates. Node's own `mkdir(…, { recursive: true })` spins forever when
 * mkdir(2) answers ENOENT under an existing parent (e.g. `/proc/x`, Node 20), so walk the path
 * ourselves: create each missing component once, fail on the first real error.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

function errnoCode(err: unknown): unknown {
  return err instanceof Error ? (err as { code?: unknown }).code : undefined;
}

/** The missing ancestors of `dir` (absolute), outermost first, `dir` last when it is missing. */
async function missingChain(dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (let p = dir; ; p = dirname(p)) {
    try {
      await stat(p);
      return missing.reverse();
    } catch (err) {
      if (errnoCode(err) !== 'ENOENT' || dirname(p) === p) throw err;
      missing.push(p);
    }
  }
}

/** Creates `dir` (absolute) and its missing parents with `mode`; true when `dir` was created here. */
export async function makeDirs(dir: string, mode: number): Promise<boolean> {
  let created = false;
  for (const p of await missingChain(dir)) {
    try {
      await mkdir(p, { mode });
      created = p === dir;
    } catch (err) {
      if (errnoCode(err) !== 'EEXIST') throw err; // created meanwhile by someone else: fine
    }
  }
  const s = await stat(dir);
  if (!s.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR', syscall: 'mkdir', path: dir });
  return created;
}
