/**
 * The built web app, from its dist directory: GET/HEAD only, no token needed (nothing secret is in
 * it). Paths are decoded once and must stay inside the directory after resolving `..` and
 * symlinks; anything else is 404. `/` is index.html; hashed files under assets/ are cached.
 */
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';
import { HushError } from '@hush/core';
import { sendError } from './http-reply.ts';
import type { LogError } from './http-reply.ts';
import { methodNotAllowed } from './router.ts';
import { pageSecurityHeaders } from './security-headers.ts';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export interface StaticFilesOptions {
  /** The dist directory (absolute). */
  readonly root: string;
  readonly log: LogError;
}

export type StaticHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

function notFound(): HushError {
  return new HushError('HUSH_ERR_NOT_FOUND', 'no such file', { details: { field: 'path' } });
}

function relativePath(pathname: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    throw notFound();
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw notFound();
  return decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
}

/** The file's real path when it is a regular file inside `root`, else HUSH_ERR_NOT_FOUND. */
async function locate(root: string, rel: string): Promise<{ path: string; size: number }> {
  const realRoot = await realpath(root).catch(() => {
    throw new HushError('HUSH_ERR_NOT_FOUND', 'the web app is not built (its dist directory is missing)', { details: { field: 'path' } });
  });
  const candidate = resolve(realRoot, rel);
  if (!candidate.startsWith(realRoot + sep)) throw notFound();
  const real = await realpath(candidate).catch(() => null);
  if (real === null || !real.startsWith(realRoot + sep)) throw notFound();
  const info = await stat(real);
  if (!info.isFile()) throw notFound();
  return { path: real, size: info.size };
}

function headersFor(path: string, size: number, rel: string, host: string): Record<string, string> {
  const type = CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
  const cache = rel.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return { ...pageSecurityHeaders(host), 'Content-Type': type, 'Content-Length': String(size), 'Cache-Control': cache };
}

export function createStaticFiles(o: StaticFilesOptions): StaticHandler {
  return async (req, res, url) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed(req.method ?? '?', url.pathname, ['GET', 'HEAD']);
      const rel = relativePath(url.pathname);
      const file = await locate(o.root, rel);
      res.writeHead(200, headersFor(file.path, file.size, rel, req.headers.host ?? '127.0.0.1'));
      if (req.method === 'HEAD') return void res.end();
      createReadStream(file.path)
        .on('error', (err) => {
          o.log('reading a web app file failed', err);
          res.destroy();
        })
        .pipe(res);
    } catch (err) {
      sendError(res, err, o.log);
    }
  };
}
