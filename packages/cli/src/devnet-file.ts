/**
 * Reads `<devnet dir>/devnet.json` (written by `hush devnet up`): the registry URL and one entry
 * per node. Parsed from `unknown`; an error names the entry and field.
 */
import { join } from 'node:path';
import { HushError } from '@hush/core';
import { DEVNET_FILE, MAX_DEVNET_NODES } from '@hush/devnet';
import { MAX_DEVNET_FILE_BYTES } from './limits.ts';
import { readTextFileIfExists } from './read-text-file.ts';

export interface DevnetFileEntry {
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly ip: string;
  readonly port: number;
  /** 16 lowercase hex digits. */
  readonly swarm: string;
}

export interface DevnetFileDoc {
  readonly registry: string;
  readonly nodes: readonly DevnetFileEntry[];
}

const HEX64 = /^[0-9a-f]{64}$/;
const SWARM = /^[0-9a-f]{16}$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function bad(path: string, field: string, expected: string): HushError {
  return new HushError('HUSH_ERR_BAD_JSON', `${path}: ${field}: expected ${expected}`, { details: { path, field } });
}

function matching(o: Record<string, unknown>, key: string, re: RegExp, path: string, at: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !re.test(v)) throw bad(path, `${at}${key}`, `a string matching ${re.source}`);
  return v;
}

function entry(value: unknown, i: number, path: string): DevnetFileEntry {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad(path, `nodes[${i}]`, 'an object');
  const o = value as Record<string, unknown>;
  const at = `nodes[${i}].`;
  const port = o['port'];
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65_535) throw bad(path, `${at}port`, 'a port number');
  return {
    pubkeyEd25519: matching(o, 'pubkey_ed25519', HEX64, path, at),
    pubkeyX25519: matching(o, 'pubkey_x25519', HEX64, path, at),
    ip: matching(o, 'ip', IPV4, path, at),
    port,
    swarm: matching(o, 'swarm_id', SWARM, path, at),
  };
}

export function parseDevnetFile(text: string, path: string): DevnetFileDoc {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${path}: not valid JSON`, { cause, details: { path } });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad(path, '(top level)', 'a JSON object');
  const d = doc as Record<string, unknown>;
  const registry = d['registry'];
  if (typeof registry !== 'string' || registry.length > 2048) throw bad(path, 'registry', 'a URL');
  const nodes = d['nodes'];
  if (!Array.isArray(nodes) || nodes.length > MAX_DEVNET_NODES) throw bad(path, 'nodes', `an array of at most ${MAX_DEVNET_NODES} entries`);
  return { registry, nodes: nodes.map((n: unknown, i) => entry(n, i, path)) };
}

/** The devnet file of `dir`, or undefined when there is none. */
export async function readDevnetFile(dir: string): Promise<{ path: string; doc: DevnetFileDoc } | undefined> {
  const path = join(dir, DEVNET_FILE);
  const text = await readTextFileIfExists(path, MAX_DEVNET_FILE_BYTES, `cannot read ${path}`);
  return text === undefined ? undefined : { path, doc: parseDevnetFile(text, path) };
}
