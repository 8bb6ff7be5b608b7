/**
 * Does a node already see its swarm the way the registry lists it? Nodes poll the registry, so a
 * node can answer `info` before it knows all its swarm peers; a store through it then would not
 * reach them. The node's view is read with `get_swarm` for an account placed exactly on the
 * swarm's id (swarm space = the XOR of the key's four 8-byte chunks, session-network.md §6.2).
 */
import { swarmHex } from '@hush/registry';
import { storageRpc } from './storage-rpc.ts';

/** A 66-hex account key whose swarm space is `swarmId`. */
export function pubkeyOnSwarm(swarmId: bigint): string {
  return `05${swarmHex(swarmId)}${'0'.repeat(48)}`;
}

function memberKeys(body: string): Set<string> | undefined {
  const parsed: unknown = JSON.parse(body);
  const snodes = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['snodes'] : undefined;
  if (!Array.isArray(snodes)) return undefined;
  return new Set(snodes.map((s: unknown) => String((typeof s === 'object' && s !== null ? (s as Record<string, unknown>)['pubkey_ed25519'] : '') ?? '')));
}

/** True when the node's `get_swarm` for `swarmId` lists exactly `members` (Ed25519 hex keys). */
export async function nodeSeesSwarm(ip: string, port: number, swarmId: bigint, members: ReadonlySet<string>, signal?: AbortSignal): Promise<boolean> {
  try {
    const body = { method: 'get_swarm', params: { pubkey: pubkeyOnSwarm(swarmId) } };
    const reply = await storageRpc(ip, port, body, signal === undefined ? {} : { signal });
    const seen = reply.status === 200 ? memberKeys(reply.body) : undefined;
    return seen !== undefined && seen.size === members.size && [...members].every((m) => seen.has(m));
  } catch {
    return false;
  }
}
