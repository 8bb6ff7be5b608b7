/**
 * The service node as plain JavaScript for the devnet's node processes: esbuild bundles
 * packages/node/src/main.ts (and the storage writer thread's entry) with the workspace packages it
 * imports, leaving their npm dependencies (native addons, wasm) as imports. A node started from it
 * needs no TypeScript loader at run time: no tsx loader thread, require hook or esbuild service
 * per process — about 60 MiB less per node, so a 12-node `npm start` uses ~0.8 GB less memory.
 *
 * Built afresh at every devnet start (~0.2 s), so it is never stale; each start gets a folder of
 * its own (devnets may start side by side), removed when the devnet stops. The folder is inside
 * the repository's node_modules/.cache, because the bundle's imports of npm packages are resolved
 * from where it lies. Folders left by a devnet that was killed are removed by the next build.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export interface NodeBuild {
  /** The node's entry (main.mjs). */
  readonly entry: string;
  readonly dir: string;
  /** Deletes the folder; idempotent. */
  remove(): void;
}

/** Folder names: `<pid>-<random>`, so a later build can tell whether its owner still runs. */
const DIR_RE = /^(\d{1,10})-[0-9a-z]{6,12}$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function removeOrphans(cacheDir: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = DIR_RE.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !alive(Number(pid))) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

/** The npm packages (not the workspace's own) that the node and core import: left as imports. */
function npmDependencies(repoRoot: string): string[] {
  const deps = new Set<string>();
  for (const pkg of ['node', 'core', 'registry']) {
    const json = JSON.parse(readFileSync(join(repoRoot, 'packages', pkg, 'package.json'), 'utf8')) as { dependencies?: Record<string, string> };
    for (const name of Object.keys(json.dependencies ?? {})) if (!name.startsWith('@hush/')) deps.add(name);
  }
  return [...deps];
}

export async function buildNode(repoRoot: string): Promise<NodeBuild> {
  const cacheDir = join(repoRoot, 'node_modules', '.cache', 'hush-node-build');
  removeOrphans(cacheDir);
  const dir = join(cacheDir, `${process.pid}-${Math.random().toString(36).slice(2, 10).padEnd(6, '0')}`);
  mkdirSync(dir, { recursive: true });
  const src = join(repoRoot, 'packages', 'node', 'src');
  const common = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: npmDependencies(repoRoot),
    // Bundled CommonJS may still call require() for Node's built-ins.
    banner: { js: "import { createRequire as __hushCreateRequire } from 'node:module'; const require = __hushCreateRequire(import.meta.url);" },
    keepNames: true,
    logLevel: 'silent',
  } as const;
  try {
    await Promise.all([
      build({ ...common, entryPoints: [join(src, 'main.ts')], outfile: join(dir, 'main.mjs') }),
      // The storage writer thread: group-commit.ts starts writer-worker.mjs when it lies beside it.
      build({ ...common, entryPoints: [join(src, 'storage', 'writer-worker.ts')], outfile: join(dir, 'writer-worker.mjs') }),
    ]);
    // The signature threads' entry is plain JavaScript already (auth/signature-pool.ts loads it beside itself).
    cpSync(join(src, 'auth', 'signature-worker.mjs'), join(dir, 'signature-worker.mjs'));
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return { entry: join(dir, 'main.mjs'), dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
