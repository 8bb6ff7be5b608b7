/**
 * The JSON a node serves at GET /status on its metrics port (packages/node `NodeStatus`), parsed
 * from `unknown`: every field shown by `hush node status` is checked, and an error names it.
 */
import { HushError } from '@hush/core';
import { MAX_STATUS_PEERS } from './limits.ts';

export interface StatusPeer {
  readonly pubkeyEd25519: string;
  readonly ip: string;
  readonly port: number;
}

export interface NodeStatusDoc {
  readonly version: string;
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly address: { readonly host: string; readonly port: number };
  readonly ready: boolean;
  readonly notReadyReason: string | null;
  readonly swarm: string | null;
  readonly peers: readonly StatusPeer[];
  readonly network: { readonly source: string; readonly height: number; readonly nodes: number; readonly swarms: number };
  readonly storage: { readonly messages: number; readonly bytes: number };
  readonly uptimeMs: number;
}

type Obj = Record<string, unknown>;

const HEX64 = /^[0-9a-f]{64}$/;
const MAX_TEXT = 1_000;

function bad(source: string, field: string, expected: string): HushError {
  return new HushError('HUSH_ERR_BAD_JSON', `${source}: ${field}: expected ${expected}`, { details: { source, field } });
}

function obj(v: unknown, source: string, field: string): Obj {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw bad(source, field, 'an object');
  return v as Obj;
}

function count(o: Obj, key: string, source: string, field: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(source, `${field}${key}`, 'a non-negative integer');
  return v;
}

function str(o: Obj, key: string, source: string, field: string, pattern?: RegExp): string {
  const v = o[key];
  if (typeof v !== 'string' || v.length > MAX_TEXT || (pattern !== undefined && !pattern.test(v))) {
    throw bad(source, `${field}${key}`, pattern === undefined ? 'a string' : `a string matching ${pattern.source}`);
  }
  return v;
}

function strOrNull(o: Obj, key: string, source: string): string | null {
  return o[key] === null ? null : str(o, key, source, '');
}

function port(o: Obj, key: string, source: string, field: string): number {
  const v = count(o, key, source, field);
  if (v > 65_535) throw bad(source, `${field}${key}`, 'a port number');
  return v;
}

function peers(v: unknown, source: string): StatusPeer[] {
  if (!Array.isArray(v) || v.length > MAX_STATUS_PEERS) throw bad(source, 'peers', `an array of at most ${MAX_STATUS_PEERS} entries`);
  return v.map((entry: unknown, i) => {
    const p = obj(entry, source, `peers[${i}]`);
    return { pubkeyEd25519: str(p, 'pubkey_ed25519', source, `peers[${i}].`, HEX64), ip: str(p, 'ip', source, `peers[${i}].`), port: port(p, 'port', source, `peers[${i}].`) };
  });
}

/** Parses the text of a /status reply; `source` (its URL) prefixes error messages. */
export function parseNodeStatus(text: string, source: string): NodeStatusDoc {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${source}: not valid JSON`, { cause, details: { source } });
  }
  const d = obj(raw, source, '(top level)');
  const address = obj(d['address'], source, 'address');
  const network = obj(d['network'], source, 'network');
  const storage = obj(d['storage'], source, 'storage');
  if (typeof d['ready'] !== 'boolean') throw bad(source, 'ready', 'true or false');
  return {
    version: str(d, 'version', source, ''),
    pubkeyEd25519: str(d, 'pubkey_ed25519', source, '', HEX64),
    pubkeyX25519: str(d, 'pubkey_x25519', source, '', HEX64),
    address: { host: str(address, 'host', source, 'address.'), port: port(address, 'port', source, 'address.') },
    ready: d['ready'],
    notReadyReason: strOrNull(d, 'not_ready_reason', source),
    swarm: strOrNull(d, 'swarm', source),
    peers: peers(d['peers'], source),
    network: {
      source: str(network, 'source', source, 'network.'),
      height: count(network, 'height', source, 'network.'),
      nodes: count(network, 'nodes', source, 'network.'),
      swarms: count(network, 'swarms', source, 'network.'),
    },
    storage: { messages: count(storage, 'messages', source, 'storage.'), bytes: count(storage, 'bytes', source, 'storage.') },
    uptimeMs: count(d, 'uptime_ms', source, ''),
  };
}
