/**
 * Checks shared by the onion builder and the relay node: node keys named in routing JSON, and the
 * storage server's rule for which servers a node may relay to (SS `onion_processing.cpp
 * is_onion_url_target_allowed`, `request_handler.cpp process_onion_req(RelayToServerInfo)`).
 */
import { HushError } from '../errors.ts';
import { fromHex, toHex } from '../bytes.ts';

export type OnionServerProtocol = 'http' | 'https';

export interface OnionServerTarget {
  readonly host: string;
  readonly target: string;
  readonly port: number;
  readonly protocol: OnionServerProtocol;
  readonly method: string;
}

const HOST_RE = /^(?:[A-Za-z0-9_.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])$/;

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ONION_LAYER', `${field}: ${message}`, { details: { field } });
}

const LOWER_HEX_KEY_RE = /^[0-9a-f]{64}$/;

/** A 32-byte key given as 64 hex characters, returned lower-case. */
export function parseKeyHex(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.length !== 64) throw bad(field, 'expected 64 hex characters');
  if (LOWER_HEX_KEY_RE.test(value)) return value; // already canonical
  return toHex(fromHex(value, field, 32));
}

/** `target` must start with /loki/ or /oxen/, end with /lsrpc and carry no query string. */
export function isAllowedOnionTarget(target: string): boolean {
  return (target.startsWith('/loki/') || target.startsWith('/oxen/')) && target.endsWith('/lsrpc') && !target.includes('?');
}

/**
 * Validates a relay-to-server request. `port` defaults to 443 for https and 80 for http, `method`
 * to POST (the storage server always POSTs, whatever `method` says).
 */
export function parseServerTarget(value: {
  readonly host: unknown;
  readonly target: unknown;
  readonly port?: unknown;
  readonly protocol?: unknown;
  readonly method?: unknown;
}): OnionServerTarget {
  const { host, target, protocol = 'https', method = 'POST' } = value;
  if (typeof host !== 'string' || !HOST_RE.test(host)) throw bad('host', 'expected a host name or address');
  if (protocol !== 'http' && protocol !== 'https') throw bad('protocol', 'expected "http" or "https"');
  if (typeof target !== 'string' || target.length > 1024 || !isAllowedOnionTarget(target)) {
    throw bad('target', 'must start with /loki/ or /oxen/, end with /lsrpc and have no query');
  }
  const port = value.port === undefined ? (protocol === 'https' ? 443 : 80) : value.port;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw bad('port', 'expected 1..65535');
  if (typeof method !== 'string' || !/^[A-Z]{1,16}$/.test(method)) throw bad('method', 'expected an upper-case HTTP method');
  return { host, target, port, protocol, method };
}

/** The URL a relay node POSTs to: the port is written only when it is not the protocol default. */
export function onionServerUrl(server: OnionServerTarget): string {
  const defaultPort = server.protocol === 'https' ? 443 : 80;
  const port = server.port === defaultPort ? '' : `:${server.port}`;
  return `${server.protocol}://${server.host}${port}${server.target}`;
}
