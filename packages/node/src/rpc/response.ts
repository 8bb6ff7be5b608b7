/**
 * What an RPC handler returns: an HTTP status and either a JSON object (sent as application/json)
 * or a plain-text string (text/plain), as Session's storage server answers (errors are text).
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface RpcResponse {
  readonly status: number;
  readonly body: JsonObject | string;
  /** Extra response headers (HTTP transport only). */
  readonly headers?: Readonly<Record<string, string>>;
}

export function ok(body: JsonObject): RpcResponse {
  return { status: 200, body };
}

export function fail(status: number, text: string, headers?: Readonly<Record<string, string>>): RpcResponse {
  return headers === undefined ? { status, body: text } : { status, body: text, headers };
}

/**
 * A malformed request: answered 400 "invalid request: <message>" (SS parse_error). The message
 * names the field.
 */
export class RpcParseError extends Error {
  override readonly name = 'RpcParseError';
}

/** Standard reason phrases for the statuses the node uses. */
export const STATUS_TEXT: Readonly<Record<number, string>> = {
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  406: 'Not Acceptable',
  410: 'Gone',
  413: 'Payload Too Large',
  421: 'Misdirected Request',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};
