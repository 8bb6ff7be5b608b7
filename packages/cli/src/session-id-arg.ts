/** A Session ID typed by the user: `05` and 64 hex digits, checked before anything starts (usage error, exit 2). */
import { HushError, parseUserSessionId } from '@hush/core';

const SESSION_ID = /^05[0-9a-fA-F]{64}$/;

function shown(value: string): string {
  return JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);
}

/** The Session ID in lower case; `what` names the argument in the error (e.g. '<session-id>'). */
export function sessionIdArg(value: string, what: string): string {
  const trimmed = value.trim();
  if (!SESSION_ID.test(trimmed)) {
    throw new HushError('HUSH_ERR_USAGE', `${what}: not a Session ID: expected 05 followed by 64 hex digits (66 characters), got ${shown(value)}`, {
      details: { argument: what },
    });
  }
  try {
    return parseUserSessionId(trimmed.toLowerCase(), what);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : `${what}: not a usable Session ID`;
    throw new HushError('HUSH_ERR_USAGE', reason, { details: { argument: what }, cause });
  }
}
