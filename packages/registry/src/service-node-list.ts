/**
 * The `result` of get_n_service_nodes / get_service_nodes / get_all_service_nodes for a snapshot,
 * shaped like oxend's: `swarm_id` is a bigint (to be written as raw JSON digits by
 * stringifyWithBigInt), `swarm` the same id as 16 hex digits. `fields` selects entry keys; the
 * top-level keys are always present.
 */
import { swarmHex } from './block-hash.ts';
import { HARDFORK, SNODE_REVISION, STORAGE_SERVER_VERSION } from './limits.ts';
import type { FieldSelection, ListRequest } from './parse-rpc.ts';
import type { NodeRecord, RegistrySnapshot } from './state.ts';

export type ServiceNodeEntry = Record<string, string | number | bigint | boolean | readonly number[]>;

export interface ServiceNodeListResult {
  readonly height: number;
  readonly target_height: number;
  readonly block_hash: string;
  readonly hardfork: number;
  readonly snode_revision: number;
  readonly status: 'OK';
  readonly unchanged?: boolean;
  readonly service_node_states?: readonly ServiceNodeEntry[];
}

/** Returns an integer in [0, n); injected so tests and callers decide the randomness. */
export type RandomIndex = (n: number) => number;

function fullEntry(node: NodeRecord): ServiceNodeEntry {
  return {
    service_node_pubkey: node.pubkeyEd25519,
    pubkey_ed25519: node.pubkeyEd25519,
    pubkey_x25519: node.pubkeyX25519,
    public_ip: node.publicIp,
    storage_port: node.storagePort,
    storage_lmq_port: 0,
    swarm_id: node.swarmId,
    swarm: swarmHex(node.swarmId),
    active: true,
    funded: true,
    requested_unlock_height: 0,
    storage_server_version: [...STORAGE_SERVER_VERSION],
  };
}

function selectFields(entry: ServiceNodeEntry, fields: FieldSelection): ServiceNodeEntry {
  if (fields.all && fields.removed.size === 0) return entry;
  const out: ServiceNodeEntry = {};
  for (const [key, value] of Object.entries(entry)) {
    if ((fields.all || fields.names.has(key)) && !fields.removed.has(key)) out[key] = value;
  }
  return out;
}

/** Fisher–Yates on a copy. */
function shuffled<T>(items: readonly T[], randomIndex: RandomIndex): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomIndex(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function pickNodes(snapshot: RegistrySnapshot, request: ListRequest, randomIndex: RandomIndex): NodeRecord[] {
  const wanted = request.pubkeys;
  const nodes = wanted === undefined ? [...snapshot.nodes] : snapshot.nodes.filter((n) => wanted.has(n.pubkeyEd25519));
  if (request.limit === 0) return nodes;
  const mixed = shuffled(nodes, randomIndex);
  return request.limit > 0 ? mixed.slice(0, request.limit) : mixed;
}

export function buildServiceNodeList(
  snapshot: RegistrySnapshot,
  request: ListRequest,
  randomIndex: RandomIndex,
): ServiceNodeListResult {
  const head = {
    height: snapshot.height,
    target_height: snapshot.height,
    block_hash: snapshot.blockHash,
    hardfork: HARDFORK,
    snode_revision: SNODE_REVISION,
    status: 'OK' as const,
  };
  if (request.pollBlockHash !== undefined && request.pollBlockHash === snapshot.blockHash) {
    return { ...head, unchanged: true };
  }
  const states = pickNodes(snapshot, request, randomIndex).map((n) => selectFields(fullEntry(n), request.fields));
  return {
    ...head,
    ...(request.pollBlockHash === undefined ? {} : { unchanged: false }),
    service_node_states: states,
  };
}
