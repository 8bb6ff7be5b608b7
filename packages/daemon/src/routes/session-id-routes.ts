/**
 * Checking a Session ID as it is typed, with core's parser (the browser has no core): the answer
 * is 200 either way, `valid` saying whether it can be messaged and `error` why not.
 */
import { isHushError, parseUserSessionId } from '@hush/core';
import type { SessionIdCheck } from '../api-types.ts';
import type { ClientSession } from '../client-session.ts';
import { bodyObject, stringField } from '../parse-fields.ts';
import type { Route } from '../router.ts';

function ownId(session: ClientSession): string | null {
  const account = session.account();
  return account.status === 'none' ? null : account.sessionId;
}

export function checkSessionId(value: string, own: string | null): SessionIdCheck {
  try {
    const sessionId = parseUserSessionId(value.trim(), 'Session ID');
    return { valid: true, sessionId, self: sessionId === own };
  } catch (err) {
    if (!isHushError(err)) throw err;
    return { valid: false, error: { code: err.code, message: err.message } };
  }
}

export const sessionIdRoutes: readonly Route[] = [
  {
    method: 'POST',
    path: '/api/session-ids/check',
    handler: ({ session, body }) => checkSessionId(stringField(bodyObject(body), 'value', 1024), ownId(session)),
  },
];
