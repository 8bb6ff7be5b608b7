/**
 * One /api request: the access token, the route, the bounded JSON body, the handler, a JSON answer.
 * Whatever fails becomes `{ error: { code, message } }` with its status (error-status.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkAccessToken } from './access-token.ts';
import type { ClientSession } from './client-session.ts';
import { sendError, sendJson } from './http-reply.ts';
import type { LogError } from './http-reply.ts';
import { readJsonBody } from './read-json-body.ts';
import type { Router } from './router.ts';

export interface ApiHandlerOptions {
  readonly router: Router;
  readonly token: string;
  readonly session: ClientSession;
  readonly maxBodyBytes: number;
  readonly log: LogError;
}

export type ApiHandler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<void>;

export function createApiHandler(o: ApiHandlerOptions): ApiHandler {
  return async (req, res, url) => {
    try {
      checkAccessToken(req, url, o.token, false);
      const { route, params } = o.router.match(req.method ?? 'GET', url.pathname);
      const withBody = route.method === 'POST' || route.method === 'PUT';
      const body = withBody ? await readJsonBody(req, o.maxBodyBytes) : undefined;
      const result = await route.handler({ params, query: url.searchParams, body, session: o.session, req });
      sendJson(res, 200, result ?? { ok: true });
    } catch (err) {
      sendError(res, err, o.log, !req.complete); // a body left unread: close rather than drain it
    }
  };
}
