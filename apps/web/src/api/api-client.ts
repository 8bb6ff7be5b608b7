/**
 * A tiny client for the daemon's JSON API: the access token on every request, JSON in and out,
 * every failure an ApiError with the daemon's code (and `onUnauthorized` told about a stale token).
 */
import { ApiError, DAEMON_UNREACHABLE } from './api-error.ts';

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body: unknown): Promise<T>;
  del<T>(path: string): Promise<T>;
}

function parseError(status: number, value: unknown): ApiError {
  const error = typeof value === 'object' && value !== null ? (value as { error?: unknown }).error : undefined;
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') return new ApiError(code, message, status);
  }
  return new ApiError('HUSH_ERR_INTERNAL', `the Hush app answered ${status} without an explanation`, status);
}

async function readJson(res: Response): Promise<unknown> {
  try {
    return (await res.json()) as unknown;
  } catch {
    return null;
  }
}

export function createApi(token: string, onUnauthorized: () => void): Api {
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    let res: Response;
    try {
      res = await fetch(path, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(DAEMON_UNREACHABLE, 'cannot reach the Hush app on this computer', 0);
    }
    const value = await readJson(res);
    if (res.ok) return value as T;
    const error = parseError(res.status, value);
    if (error.code === 'HUSH_ERR_UNAUTHORIZED') onUnauthorized();
    throw error;
  };
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body),
    del: (path) => request('DELETE', path),
  };
}

/** `/api/conversations/<id>…` with the id encoded. */
export function conversationPath(id: string, rest = ''): string {
  return `/api/conversations/${encodeURIComponent(id)}${rest}`;
}
