/**
 * Fan-out of recursive requests to the other members of our swarm (session-network.md §3.0, §6.4;
 * SS distribute_command): POST /swarm_rpc/v1 to every peer at once, 5 s timeout each. A peer's
 * 200 JSON object is its result; failures become `{"failed": true, ...}` with `timeout`,
 * `code` + `reason`, or `bad_peer_response`, as SS reports them. Never rejects.
 */
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { PeerResults, SwarmMember } from '../rpc/context.ts';
import { isPlainObject, type Params } from '../rpc/params.ts';
import type { JsonObject } from '../rpc/response.ts';
import type { PeerClient } from './peer-client.ts';

export const SWARM_RPC_PATH = '/swarm_rpc/v1';

export interface FanoutOptions {
  readonly client: PeerClient;
  /** The other members of our swarm right now. */
  readonly peers: () => readonly SwarmMember[];
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

async function askPeer(o: FanoutOptions, peer: SwarmMember, body: Buffer, method: string): Promise<JsonObject> {
  const failure = (kind: string, result: JsonObject, detail?: unknown): JsonObject => {
    o.metrics.replicationFailures.inc({ peer: peer.ed25519Hex, kind });
    o.logger.warn('replication_failed', { peer: peer.ed25519Hex, method, kind, detail });
    return { failed: true, ...result };
  };
  try {
    const reply = await o.client.post(peer, SWARM_RPC_PATH, body, o.timeoutMs);
    const text = reply.body.toString('utf8');
    if (reply.status !== 200) return failure('status', { code: reply.status, reason: text.slice(0, 1000) });
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    return isPlainObject(parsed) ? (parsed as JsonObject) : failure('bad_response', { bad_peer_response: true });
  } catch (err) {
    return failure(isTimeout(err) ? 'timeout' : 'network', { timeout: true }, err);
  }
}

export function createFanout(o: FanoutOptions): (method: string, params: Params) => Promise<PeerResults> {
  return async (method, params) => {
    const peers = o.peers();
    if (peers.length === 0) return [];
    const body = Buffer.from(JSON.stringify({ method, params }));
    o.metrics.replicationRequests.inc({}, peers.length);
    const results = await Promise.all(peers.map((p) => askPeer(o, p, body, method)));
    return peers.map((p, i) => [p.ed25519Hex, results[i]!] as const);
  };
}
