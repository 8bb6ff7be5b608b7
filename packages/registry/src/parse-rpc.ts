/**
 * Parses an untrusted `/json_rpc` body (already JSON-decoded) for the service-node list methods.
 * Every failure is a HushError naming the field (e.g. `params.limit`).
 */
import { HushError } from '@hush/core';
import { MAX_FIELD_NAME, MAX_FIELDS, MAX_PUBKEY_FILTER } from './limits.ts';

export const LIST_METHODS = ['get_n_service_nodes', 'get_service_nodes', 'get_all_service_nodes'] as const;
export type ListMethod = (typeof LIST_METHODS)[number];

/** The JSON-RPC id to echo: a string, number or null (absent ids are echoed as null). */
export type RpcId = string | number | null;

export interface FieldSelection {
  /** True: every field; otherwise exactly `names`. */
  readonly all: boolean;
  readonly names: ReadonlySet<string>;
  /** Names explicitly removed with a `-name` entry (list form only). */
  readonly removed: ReadonlySet<string>;
}

export interface ListRequest {
  readonly id: RpcId;
  readonly method: ListMethod;
  readonly fields: FieldSelection;
  readonly activeOnly: boolean;
  /** > 0: random subset of that size; < 0: shuffled; 0: all, sorted by key. */
  readonly limit: number;
  readonly pollBlockHash?: string;
  readonly pubkeys?: ReadonlySet<string>;
}

const HASH_RE = /^[0-9a-fA-F]{64}$/;
const ALL_FIELDS: FieldSelection = { all: true, names: new Set(), removed: new Set() };

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: ${message}`, { details: { field } });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkFieldName(name: unknown, field: string): string {
  if (typeof name !== 'string' || name.length === 0 || name.length > MAX_FIELD_NAME) {
    throw bad(field, `expected a field name of 1..${MAX_FIELD_NAME} characters`);
  }
  return name;
}

/** Deprecated dict form `{"name": true, ...}`; `"all": true` selects everything. */
function parseFieldDict(dict: Record<string, unknown>): FieldSelection {
  const entries = Object.entries(dict);
  if (entries.length > MAX_FIELDS) throw bad('params.fields', `more than ${MAX_FIELDS} entries`);
  const names = new Set<string>();
  for (const [name, wanted] of entries) {
    checkFieldName(name, 'params.fields');
    if (typeof wanted !== 'boolean') throw bad(`params.fields.${name}`, 'expected true or false');
    if (wanted && name === 'all') return ALL_FIELDS;
    if (wanted) names.add(name);
  }
  return names.size === 0 ? ALL_FIELDS : { all: false, names, removed: new Set() };
}

/** List form: names to include, `"all"`, and `"-name"` removals (only removals ⇒ start from all). */
function parseFieldList(list: readonly unknown[]): FieldSelection {
  if (list.length > MAX_FIELDS) throw bad('params.fields', `more than ${MAX_FIELDS} entries`);
  const names = new Set<string>();
  const removed = new Set<string>();
  let all = false;
  list.forEach((item, i) => {
    const name = checkFieldName(item, `params.fields[${i}]`);
    if (name === 'all') all = true;
    else if (name.startsWith('-')) removed.add(name.slice(1));
    else names.add(name);
  });
  return { all: all || names.size === 0, names, removed };
}

function parseFields(value: unknown): FieldSelection {
  if (value === undefined) return ALL_FIELDS;
  if (Array.isArray(value)) return parseFieldList(value);
  if (isRecord(value)) return parseFieldDict(value);
  throw bad('params.fields', 'expected a list of field names or a {"name": true} object');
}

function parsePubkeys(value: unknown): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw bad('params.service_node_pubkeys', 'expected a list of hex keys');
  if (value.length > MAX_PUBKEY_FILTER) throw bad('params.service_node_pubkeys', `more than ${MAX_PUBKEY_FILTER} keys`);
  return new Set(
    value.map((key, i) => {
      if (typeof key !== 'string' || !HASH_RE.test(key)) throw bad(`params.service_node_pubkeys[${i}]`, 'expected 64 hex characters');
      return key.toLowerCase();
    }),
  );
}

function parseId(body: Record<string, unknown>): RpcId {
  const id = body['id'];
  if (id === undefined || id === null) return null;
  if (typeof id === 'string' && id.length <= 256) return id;
  if (typeof id === 'number' && Number.isFinite(id)) return id;
  throw bad('id', 'expected a string (at most 256 characters), a number or null');
}

function parseMethod(value: unknown): ListMethod {
  const found = LIST_METHODS.find((m) => m === value);
  if (found === undefined) throw bad('method', `expected one of ${LIST_METHODS.join(', ')}`);
  return found;
}

function parseParams(value: unknown): Omit<ListRequest, 'id' | 'method'> {
  if (value === undefined) return { fields: ALL_FIELDS, activeOnly: false, limit: 0 };
  if (!isRecord(value)) throw bad('params', 'expected an object');
  const activeOnly = value['active_only'] ?? false;
  if (typeof activeOnly !== 'boolean') throw bad('params.active_only', 'expected true or false');
  const limit = value['limit'] ?? 0;
  if (typeof limit !== 'number' || !Number.isSafeInteger(limit)) throw bad('params.limit', 'expected an integer');
  const poll = value['poll_block_hash'];
  if (poll !== undefined && (typeof poll !== 'string' || !HASH_RE.test(poll))) {
    throw bad('params.poll_block_hash', 'expected 64 hex characters');
  }
  const pubkeys = parsePubkeys(value['service_node_pubkeys']);
  return {
    fields: parseFields(value['fields']),
    activeOnly,
    limit,
    ...(poll === undefined ? {} : { pollBlockHash: poll.toLowerCase() }),
    ...(pubkeys === undefined ? {} : { pubkeys }),
  };
}

/** The id to echo in an error reply, if the body has a usable one. */
export function rpcIdOf(body: unknown): RpcId {
  try {
    return isRecord(body) ? parseId(body) : null;
  } catch {
    return null;
  }
}

export function parseListRequest(body: unknown): ListRequest {
  if (!isRecord(body)) throw bad('body', 'expected a JSON object');
  const id = parseId(body);
  if (body['jsonrpc'] !== undefined && body['jsonrpc'] !== '2.0') throw bad('jsonrpc', 'expected "2.0"');
  return { id, method: parseMethod(body['method']), ...parseParams(body['params']) };
}
