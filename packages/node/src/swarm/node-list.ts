/**
 * Parsing node lists from outside: the registry's `service_node_states` entries (oxend
 * get_n_service_nodes shape; the swarm is read from the hex `swarm` field because `swarm_id`
 * exceeds 2^53) and `devnet.json` node entries. Bad entries are skipped (and counted), never fatal.
 */
import { INVALID_SWARM_ID, parseSwarmId } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { isPlainObject } from '../rpc/params.ts';
import type { NodeRecord } from './swarm-view.ts';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const IPV4 = /^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/;

function port(v: unknown): number | null {
  const n = typeof v === 'string' && /^[0-9]{1,5}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

function swarm(v: unknown): bigint | null {
  if (v === undefined) return INVALID_SWARM_ID;
  try {
    return parseSwarmId(v);
  } catch {
    return null;
  }
}

function record(ed: unknown, x: unknown, ip: unknown, p: unknown, sw: unknown): NodeRecord | null {
  if (typeof ed !== 'string' || !HEX64.test(ed) || typeof x !== 'string' || !HEX64.test(x)) return null;
  if (typeof ip !== 'string' || !IPV4.test(ip) || ip === '0.0.0.0') return null;
  const portNum = port(p);
  const swarmId = swarm(sw);
  if (portNum === null || swarmId === null) return null;
  return { ed25519Hex: ed.toLowerCase(), x25519Hex: x.toLowerCase(), ip, port: portNum, swarmId };
}

export interface ParsedList {
  readonly nodes: NodeRecord[];
  readonly skipped: number;
}

function parseList(list: unknown, one: (e: Record<string, unknown>) => NodeRecord | null): ParsedList {
  const nodes: NodeRecord[] = [];
  let skipped = 0;
  if (!Array.isArray(list)) return { nodes, skipped };
  for (const e of list.slice(0, LIMITS.maxNodes)) {
    const r = isPlainObject(e) ? one(e) : null;
    if (r === null) skipped++;
    else nodes.push(r);
  }
  return { nodes, skipped };
}

/** Registry/oxend entries; unfunded entries are skipped as SS skips them. */
export function parseServiceNodeStates(list: unknown): ParsedList {
  return parseList(list, (e) =>
    e['funded'] === false ? null : record(e['pubkey_ed25519'], e['pubkey_x25519'], e['public_ip'], e['storage_port'], e['swarm']),
  );
}

/** devnet.json `nodes` entries: {pubkey_ed25519, pubkey_x25519, ip, port, swarm_id (16 hex)}. */
export function parseDevnetNodes(list: unknown): ParsedList {
  return parseList(list, (e) => record(e['pubkey_ed25519'], e['pubkey_x25519'], e['ip'], e['port'], e['swarm_id']));
}
