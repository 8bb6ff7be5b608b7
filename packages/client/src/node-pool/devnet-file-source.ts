/**
 * Node list from a devnet's `devnet.json` (registry contract): `{"registry": url, "nodes": [...]}`.
 * The file is read on every fetch; when it names a registry, the registry's (fresher) list is
 * used and the file's own list only when the registry does not answer.
 */
import { readFile } from 'node:fs/promises';
import { HushError } from '@hush/core';
import { throwIfAborted } from '../runtime/clock.ts';
import { isPlainObject, parseJsonBytes } from '../runtime/json.ts';
import type { Transport } from '../transport/transport.ts';
import type { NodeSource } from './node-source.ts';
import { parseDevnetNodes } from './parse-node-list.ts';
import { createRegistrySource } from './registry-source.ts';
import type { ServiceNode } from './service-node.ts';

export interface DevnetFileSourceOptions {
  readonly path: string;
  readonly transport: Transport;
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly maxNodes: number;
  /** Reads the file (default fs.readFile); injectable for tests. */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
}

interface DevnetDoc {
  readonly registry: string | null;
  readonly nodes: ServiceNode[];
}

export function parseDevnetDoc(bytes: Uint8Array, path: string, o: Pick<DevnetFileSourceOptions, 'maxBytes' | 'maxNodes'>): DevnetDoc {
  const doc = parseJsonBytes(bytes, path, o.maxBytes);
  if (!isPlainObject(doc)) throw new HushError('HUSH_ERR_BAD_CONFIG', `${path}: expected a JSON object`, { details: { field: path } });
  const registry = typeof doc['registry'] === 'string' ? doc['registry'] : null;
  return { registry, nodes: parseDevnetNodes(doc['nodes'], o.maxNodes).nodes };
}

async function load(o: DevnetFileSourceOptions): Promise<DevnetDoc> {
  let bytes: Uint8Array;
  try {
    bytes = await (o.readFile ?? readFile)(o.path);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', `${o.path}: cannot read the devnet file`, { details: { field: 'network', path: o.path }, cause });
  }
  return parseDevnetDoc(bytes, o.path, o);
}

export function createDevnetFileSource(options: DevnetFileSourceOptions): NodeSource {
  const name = `devnet file ${options.path}`;
  return {
    name,
    async fetch(signal) {
      const doc = await load(options);
      if (doc.registry !== null) {
        try {
          const fromRegistry = await createRegistrySource({ ...options, url: doc.registry }).fetch(signal);
          if (fromRegistry.length > 0) return fromRegistry;
        } catch (err) {
          throwIfAborted(signal, name);
          if (doc.nodes.length === 0) throw err;
        }
      }
      if (doc.nodes.length === 0) throw new HushError('HUSH_ERR_NODE_LIST', `${name}: no usable nodes`, { details: { source: name } });
      return doc.nodes;
    },
  };
}

