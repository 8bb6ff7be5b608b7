/**
 * Forwarding a peeled layer to the next node (session-network.md §7.4 "relay to node"): the
 * layer `LAYER(ciphertext, {ephemeral_key, enc_type, hop_no + 1})` goes over the node's hop link
 * to that node (hop-link.ts), or, for a peer that does not speak the link, as an HTTPS POST to its
 * `/onion_req/v2` over the keep-alive peer agents, within what is left of the same deadline. The
 * next node's status and body come back verbatim (they are either its path error or the
 * destination's encrypted answer). A next node that refuses the connection (it is down) → 502
 * "Next node is currently unreachable: <key>" at once, the text LSU's clients know, so the client
 * strikes that node rather than the path; no answer in time or a dropped link → 504 "Request time
 * out", as SS answers any failed `sn.onion_request`.
 */
import type { PeerClient } from '../replication/peer-client.ts';
import type { NodeRecord } from '../swarm/swarm-view.ts';
import { LinkError } from './hop-link-error.ts';
import type { HopLinkPool } from './hop-link-pool.ts';
import { plainReply, TEXT } from './onion-reply.ts';
import type { RelayResult } from './server-relay.ts';

export const ONION_PATH = '/onion_req/v2';

export interface HopTransport {
  readonly peers: PeerClient;
  /** Absent: every forward goes over HTTPS. */
  readonly links?: HopLinkPool;
}

export interface ForwardResult extends RelayResult {
  /** How the next node's answer came back; null when none did. */
  readonly via: 'link' | 'https' | null;
}

const DOWN = /ECONNREFUSED|EHOSTUNREACH|ENETUNREACH/;

/** The connection to the next node could not be made at all (not: it broke or went quiet). */
function isUnreachable(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && DOWN.test(code)) return true;
  return err instanceof LinkError && err.kind === 'dropped' && DOWN.test(err.message);
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

const timedOut = (): ForwardResult => ({ reply: plainReply(504, 'Request time out'), outcome: 'next_node_timeout', via: null });

async function overHttps(peers: PeerClient, next: NodeRecord, wire: Uint8Array, timeoutMs: number): Promise<ForwardResult> {
  const r = await peers.forward(next, ONION_PATH, wire, timeoutMs);
  return { reply: { status: r.status, body: r.body, contentType: r.contentType ?? TEXT }, outcome: 'forwarded', via: 'https' };
}

export async function forwardToNode(t: HopTransport, next: NodeRecord, wire: Uint8Array, timeoutMs: number): Promise<ForwardResult> {
  const started = performance.now();
  try {
    if (t.links !== undefined) {
      const r = await t.links.send(next, wire, timeoutMs);
      if (r !== null) return { reply: r, outcome: 'forwarded', via: 'link' };
    }
    const left = Math.floor(timeoutMs - (performance.now() - started));
    return left > 0 ? await overHttps(t.peers, next, wire, left) : timedOut();
  } catch (err) {
    if (isUnreachable(err)) return { reply: plainReply(502, `Next node is currently unreachable: ${next.ed25519Hex}`), outcome: 'next_node_failed', via: null };
    return isTimeout(err) ? timedOut() : { reply: plainReply(504, 'Request time out'), outcome: 'next_node_failed', via: null };
  }
}
