/**
 * Forwarding a peeled layer to the next node (session-network.md §7.4 "relay to node"): an HTTPS
 * POST of `LAYER(ciphertext, {ephemeral_key, enc_type, hop_no + 1})` to its `/onion_req/v2`
 * over the node's keep-alive peer agents. The next node's status and body come back verbatim (they
 * are either its path error or the destination's encrypted answer). No answer in time, or no
 * connection → 504 "Request time out", as SS answers any failed `sn.onion_request`.
 */
import type { PeerClient } from '../replication/peer-client.ts';
import type { NodeRecord } from '../swarm/swarm-view.ts';
import { plainReply, TEXT } from './onion-reply.ts';
import type { RelayResult } from './server-relay.ts';

export const ONION_PATH = '/onion_req/v2';

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

export async function forwardToNode(peers: PeerClient, next: NodeRecord, wire: Uint8Array, timeoutMs: number): Promise<RelayResult> {
  try {
    const r = await peers.forward(next, ONION_PATH, wire, timeoutMs);
    return { reply: { status: r.status, body: r.body, contentType: r.contentType ?? TEXT }, outcome: 'forwarded' };
  } catch (err) {
    return { reply: plainReply(504, 'Request time out'), outcome: isTimeout(err) ? 'next_node_timeout' : 'next_node_failed' };
  }
}
