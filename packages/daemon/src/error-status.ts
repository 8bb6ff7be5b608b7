/**
 * Which HTTP status an error gets. Input the app can fix is 4xx; the network failing on the way to
 * the nodes is 502/504 (the request was fine, try again later); anything unexpected is 500 with no
 * internals in the message.
 */
import { isHushError } from '@hush/core';
import type { ApiErrorBody } from './api-types.ts';

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  HUSH_ERR_UNAUTHORIZED: 401,
  HUSH_ERR_FORBIDDEN: 403,
  HUSH_ERR_NOT_FOUND: 404,
  HUSH_ERR_ACCOUNT_EXISTS: 409,
  HUSH_ERR_NO_ACCOUNT: 409,
  HUSH_ERR_TOO_LARGE: 413,
  HUSH_ERR_NOT_READY: 503,
  HUSH_ERR_CLOSED: 503,
  HUSH_ERR_NETWORK: 502,
  HUSH_ERR_NO_PATH: 502,
  HUSH_ERR_ONION_HOP_FAILED: 502,
  HUSH_ERR_ONION_BAD_RESPONSE: 502,
  HUSH_ERR_WRONG_SWARM: 502,
  HUSH_ERR_NO_SWARMS: 502,
  HUSH_ERR_NODE_LIST: 502,
  HUSH_ERR_STORE_FAILED: 502,
  HUSH_ERR_RPC_FAILED: 502,
  HUSH_ERR_TIMEOUT: 504,
  HUSH_ERR_STORAGE: 500,
  HUSH_ERR_BAD_DATABASE: 500,
  HUSH_ERR_BAD_ACCOUNT_FILE: 500,
  HUSH_ERR_INTERNAL: 500,
};

export interface ErrorReply {
  readonly status: number;
  readonly body: { readonly error: ApiErrorBody };
  /** Whether the daemon should log it (unexpected: not a HushError, or a 5xx). */
  readonly unexpected: boolean;
}

/** The status and JSON body for `err`. Codes not listed are input errors (400). */
export function errorReply(err: unknown): ErrorReply {
  if (!isHushError(err)) {
    return { status: 500, body: { error: { code: 'HUSH_ERR_INTERNAL', message: 'internal error in the Hush daemon (see its log)' } }, unexpected: true };
  }
  const status = Array.isArray(err.details['allowedMethods']) ? 405 : STATUS_BY_CODE[err.code] ?? 400;
  return { status, body: { error: { code: err.code, message: err.message } }, unexpected: status >= 500 };
}
