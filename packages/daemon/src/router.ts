/**
 * Matches `METHOD /api/...` to a route. Patterns are literal segments and `:name` parameters
 * (one whole segment each, percent-decoded). A path that exists with another method is told apart
 * from one that does not exist, so the app gets 405 or 404.
 */
import type { IncomingMessage } from 'node:http';
import { HushError } from '@hush/core';
import type { ClientSession } from './client-session.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RouteContext {
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  /** The parsed JSON body (POST/PUT), `{}` when empty; undefined for GET and DELETE. */
  readonly body: unknown;
  readonly session: ClientSession;
  readonly req: IncomingMessage;
}

export type RouteHandler = (ctx: RouteContext) => unknown;

export interface Route {
  readonly method: HttpMethod;
  /** e.g. `/api/conversations/:id/messages`. */
  readonly path: string;
  readonly handler: RouteHandler;
}

export interface RouteMatch {
  readonly route: Route;
  readonly params: Readonly<Record<string, string>>;
}

export interface Router {
  /** The route for this method and path; HUSH_ERR_NOT_FOUND (status 404 or 405) otherwise. */
  match(method: string, pathname: string): RouteMatch;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

function matchPath(pattern: readonly string[], segments: readonly string[]): Record<string, string> | null {
  if (pattern.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of pattern.entries()) {
    const segment = segments[i] ?? '';
    if (part.startsWith(':')) {
      const value = decodeSegment(segment);
      if (value === null || value === '') return null;
      params[part.slice(1)] = value;
    } else if (part !== segment) return null;
  }
  return params;
}

/** 405: the path exists with other methods (`details.allowedMethods`). */
export function methodNotAllowed(method: string, pathname: string, allowed: readonly string[]): HushError {
  return new HushError('HUSH_ERR_NOT_FOUND', `${method} is not allowed on ${pathname}; use ${allowed.join(' or ')}`, {
    details: { field: 'method', allowedMethods: [...allowed] },
  });
}

export function createRouter(routes: readonly Route[]): Router {
  const compiled = routes.map((route) => ({ route, pattern: route.path.split('/').slice(1) }));
  return {
    match(method, pathname) {
      const segments = pathname.split('/').slice(1);
      const hits = compiled.flatMap((c) => {
        const params = matchPath(c.pattern, segments);
        return params === null ? [] : [{ route: c.route, params }];
      });
      const hit = hits.find((h) => h.route.method === method);
      if (hit !== undefined) return hit;
      if (hits.length > 0) throw methodNotAllowed(method, pathname, [...new Set(hits.map((h) => h.route.method))]);
      throw new HushError('HUSH_ERR_NOT_FOUND', `no such API: ${pathname.slice(0, 200)}`, { details: { field: 'path' } });
    },
  };
}
