/**
 * Node lists from outside. Every entry is untrusted: bad entries, duplicates (same Ed25519 key or
 * same ip:port), unfunded or inactive nodes are skipped and counted, never fatal. Swarm ids come
 * from the hex `swarm` field — `swarm_id` is a u64 that JSON numbers cannot hold (§8.2); a
 * `swarm_id` is used only where it is a hex string (devnet.json) or a safe integer.
 */
import { isPlainObject } from '../runtime/json.ts';
import { parseServiceNode, type NodeFields } from './parse-service-node.ts';
import type { ServiceNode } from './service-node.ts';

export interface ParsedNodeList {
  readonly nodes: ServiceNode[];
  readonly skipped: number;
}

function parseEntries(list: unknown, max: number, fields: (e: Record<string, unknown>) => NodeFields | null): ParsedNodeList {
  const nodes: ServiceNode[] = [];
  let skipped = 0;
  if (!Array.isArray(list)) return { nodes, skipped };
  const seen = new Set<string>();
  for (const entry of list.slice(0, max)) {
    const f = isPlainObject(entry) ? fields(entry) : null;
    const node = f === null ? null : parseServiceNode(f);
    if (node === null || seen.has(node.ed25519) || seen.has(`${node.ip}:${node.port}`)) {
      skipped++;
      continue;
    }
    seen.add(node.ed25519).add(`${node.ip}:${node.port}`);
    nodes.push(node);
  }
  return { nodes, skipped: skipped + Math.max(0, list.length - max) };
}

/** `service_node_states` entries of oxend / the registry (`get_n_service_nodes`, `get_service_nodes`). */
export function parseServiceNodeStates(list: unknown, max: number): ParsedNodeList {
  return parseEntries(list, max, (e) => {
    if (e['funded'] === false || e['active'] === false) return null;
    const swarm = e['swarm'] !== undefined ? e['swarm'] : e['swarm_id'];
    return { ed25519: e['pubkey_ed25519'], x25519: e['pubkey_x25519'], ip: e['public_ip'], port: e['storage_port'], swarm };
  });
}

/** `devnet.json` `nodes` entries: `{pubkey_ed25519, pubkey_x25519, ip, port, swarm_id (16 hex)}`. */
export function parseDevnetNodes(list: unknown, max: number): ParsedNodeList {
  return parseEntries(list, max, (e) => ({ ed25519: e['pubkey_ed25519'], x25519: e['pubkey_x25519'], ip: e['ip'], port: e['port'], swarm: e['swarm_id'] }));
}

/** `get_swarm` / 421 `snodes` entries; `swarm` is the body's swarm id (hex) for every member. */
export function parseSwarmSnodes(list: unknown, swarm: unknown, max: number): ParsedNodeList {
  return parseEntries(list, max, (e) => ({
    ed25519: e['pubkey_ed25519'],
    x25519: e['pubkey_x25519'],
    ip: e['ip'],
    port: e['port_https'] !== undefined ? e['port_https'] : e['port'],
    swarm,
  }));
}
