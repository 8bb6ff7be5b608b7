/**
 * The web app's build (apps/web → apps/web/dist), made on first start and again whenever a source
 * is newer than the last build, with Vite's JS API and the app's own vite.config.ts — nothing is
 * downloaded. The build goes to a fresh directory that then replaces dist/, so a half-built app is
 * never served and two daemons starting together cannot mix their outputs.
 */
import { mkdir, readFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HushError, randomBytes, toHex } from '@hush/core';

/** apps/web of this repository. */
export const DEFAULT_WEB_DIR = fileURLToPath(new URL('../../../apps/web', import.meta.url));

const STAMP_FILE = '.hush-build.json';
const SOURCES = ['index.html', 'vite.config.ts', 'package.json', 'src', 'public'];

export interface WebBuildOptions {
  /** The app's directory (holding vite.config.ts); default apps/web. */
  readonly webDir?: string;
  /** Build even when dist/ looks current. */
  readonly force?: boolean;
  readonly log?: (line: string) => void;
}

export interface WebBuild {
  /** The directory to serve. */
  readonly distDir: string;
  /** Whether this call built it. */
  readonly built: boolean;
}

/** Newest modification time (ms) of `path` and everything under it; 0 when absent. */
async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (info === null) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(info.mtimeMs, ...times);
}

async function builtFrom(distDir: string): Promise<number> {
  try {
    const stamp: unknown = JSON.parse(await readFile(join(distDir, STAMP_FILE), 'utf8'));
    const value = typeof stamp === 'object' && stamp !== null ? (stamp as Record<string, unknown>)['sourcesMtimeMs'] : undefined;
    await stat(join(distDir, 'index.html'));
    return typeof value === 'number' ? value : -1;
  } catch {
    return -1;
  }
}

async function viteBuild(webDir: string, outDir: string): Promise<void> {
  const { build } = await import('vite');
  try {
    await build({ configFile: join(webDir, 'vite.config.ts'), root: webDir, logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message.split('\n')[0] ?? '' : String(cause);
    throw new HushError('HUSH_ERR_INTERNAL', `building the web app in ${webDir} failed: ${message}`, { details: { field: 'web build' }, cause });
  }
}

/** Moves `fresh` to `distDir`; when another builder got there first, keeps theirs. */
async function swapIn(fresh: string, distDir: string, tag: string): Promise<void> {
  const old = `${distDir}.old-${tag}`;
  await rename(distDir, old).catch(() => undefined);
  try {
    await rename(fresh, distDir);
  } catch {
    await rm(fresh, { recursive: true, force: true }); // a concurrent build won; same sources
  }
  await rm(old, { recursive: true, force: true });
}

export async function ensureWebBuild(options: WebBuildOptions = {}): Promise<WebBuild> {
  const webDir = options.webDir ?? DEFAULT_WEB_DIR;
  const distDir = join(webDir, 'dist');
  const times = await Promise.all(SOURCES.map((s) => newestMtime(join(webDir, s))));
  const sourcesMtimeMs = Math.max(...times);
  if (options.force !== true && (await builtFrom(distDir)) >= sourcesMtimeMs) return { distDir, built: false };
  options.log?.(`building the web app (${webDir}); this takes a few seconds the first time`);
  const tag = toHex(randomBytes(6));
  const fresh = join(webDir, `.dist-${tag}`);
  await mkdir(fresh, { recursive: true });
  try {
    await viteBuild(webDir, fresh);
    await writeFile(join(fresh, STAMP_FILE), JSON.stringify({ sourcesMtimeMs, builtAt: Date.now() }));
    await swapIn(fresh, distDir, tag);
  } finally {
    await rm(fresh, { recursive: true, force: true });
  }
  return { distDir, built: true };
}
