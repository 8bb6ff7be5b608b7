/**
 * Fan-out of recursive requests to the other members of our swarm (session-network.md §3.0, §6.4;
 * SS distribute_command): every peer gets every request, 5 s timeout each. A peer's 200 JSON object
 * is its result; failures become `{"failed": true, ...}` with `timeout`, `code` + `reason`, or
 * `bad_peer_response`, as SS reports them. Never rejects.
 *
 * Requests fanned out during one event-loop turn travel together: a peer that gets more than one
 * gets them as one signed `POST /swarm_rpc_batch/v1` (forward-batch.ts; at most forwardBatchMax
 * requests or forwardBatchBytes each), a lone one as `POST /swarm_rpc/v1` — one TLS exchange, one
 * node signature and one verify per batch instead of per request. Each request still gets its own
 * result from each peer, exactly as if it had gone alone. A peer that answers 404 to a batch (an
 * older node) gets single requests for forwardBatchRetryMs.
 */
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { PeerResults, SwarmMember } from '../rpc/context.ts';
import { isPlainObject, type Params } from '../rpc/params.ts';
import type { JsonObject } from '../rpc/response.ts';
import { encodeForwardBatch, parseBatchResults, SWARM_RPC_BATCH_PATH, type BatchResult } from './forward-batch.ts';
import type { PeerClient } from './peer-client.ts';

export const SWARM_RPC_PATH = '/swarm_rpc/v1';

export interface FanoutOptions {
  readonly client: PeerClient;
  /** The other members of our swarm right now. */
  readonly peers: () => readonly SwarmMember[];
  readonly timeoutMs: number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
  /** Monotonic ms clock for the batch-retry pause (default performance.now). */
  readonly now?: () => number;
}

/** One fanned-out request: its body alone, and the peers still to answer it. */
interface Call {
  readonly id: number;
  readonly method: string;
  /** `{"method","params"}`: the single-request body (shared by every peer: one signature). */
  readonly body: Buffer;
  /** The peers asked (our swarm when it was called), each with the resolver of its answer. */
  readonly peers: readonly SwarmMember[];
  readonly answers: Map<string, (result: JsonObject) => void>;
}

function isTimeout(err: unknown): boolean {
  const name = (err as { name?: unknown })?.name;
  return name === 'AbortError' || name === 'TimeoutError';
}

/** Cuts calls into batches of at most forwardBatchMax calls and about forwardBatchBytes of JSON. */
function chunks(calls: readonly Call[]): Call[][] {
  const out: Call[][] = [];
  let current: Call[] = [];
  let bytes = 0;
  for (const c of calls) {
    if (current.length > 0 && (current.length >= LIMITS.forwardBatchMax || bytes + c.body.length > LIMITS.forwardBatchBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(c);
    bytes += c.body.length + 1;
  }
  if (current.length > 0) out.push(current);
  return out;
}

export function createFanout(o: FanoutOptions): (method: string, params: Params) => Promise<PeerResults> {
  const now = o.now ?? (() => performance.now());
  let pending: Call[] = [];
  let nextId = 1;
  /** Peers that answered 404 to a batch, until when they get single requests. */
  const singlesUntil = new Map<string, number>();

  const failure = (peer: SwarmMember, method: string, kind: string, result: JsonObject, detail?: unknown): JsonObject => {
    o.metrics.replicationFailures.inc({ peer: peer.ed25519Hex, kind });
    o.logger.warn('replication_failed', { peer: peer.ed25519Hex, method, kind, detail });
    return { failed: true, ...result };
  };

  /** A peer's answer to one request, as /swarm_rpc/v1 or one entry of a batch gave it. */
  const resultOf = (peer: SwarmMember, method: string, status: number, body: unknown): JsonObject => {
    if (status !== 200) return failure(peer, method, 'status', { code: status, reason: (typeof body === 'string' ? body : JSON.stringify(body)).slice(0, 1000) });
    return isPlainObject(body) ? (body as JsonObject) : failure(peer, method, 'bad_response', { bad_peer_response: true });
  };

  const askOne = async (peer: SwarmMember, call: Call): Promise<void> => {
    let result: JsonObject;
    try {
      const reply = await o.client.post(peer, SWARM_RPC_PATH, call.body, o.timeoutMs);
      const text = reply.body.toString('utf8');
      let parsed: unknown = text;
      if (reply.status === 200) {
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
      }
      result = resultOf(peer, call.method, reply.status, parsed);
    } catch (err) {
      result = failure(peer, call.method, isTimeout(err) ? 'timeout' : 'network', { timeout: true }, err);
    }
    call.answers.get(peer.ed25519Hex)?.(result);
  };

  const askBatch = async (peer: SwarmMember, calls: readonly Call[], body: Buffer): Promise<void> => {
    let results: BatchResult[] | null = null;
    o.metrics.replicationBatches.inc();
    try {
      const reply = await o.client.post(peer, SWARM_RPC_BATCH_PATH, body, o.timeoutMs);
      if (reply.status === 404) {
        singlesUntil.set(peer.ed25519Hex, now() + LIMITS.forwardBatchRetryMs);
        o.logger.info('replication_batch_unsupported', { peer: peer.ed25519Hex });
        await Promise.all(calls.map((c) => askOne(peer, c)));
        return;
      }
      if (reply.status !== 200) {
        const reason = reply.body.toString('utf8').slice(0, 1000);
        for (const c of calls) c.answers.get(peer.ed25519Hex)?.(failure(peer, c.method, 'status', { code: reply.status, reason }));
        return;
      }
      results = parseBatchResults(reply.body.toString('utf8'), calls.length);
    } catch (err) {
      for (const c of calls) c.answers.get(peer.ed25519Hex)?.(failure(peer, c.method, isTimeout(err) ? 'timeout' : 'network', { timeout: true }, err));
      return;
    }
    calls.forEach((c, i) => {
      const r = results?.[i];
      c.answers.get(peer.ed25519Hex)?.(r === undefined ? failure(peer, c.method, 'bad_response', { bad_peer_response: true }) : resultOf(peer, c.method, r.status, r.body));
    });
  };

  const flush = (): void => {
    const calls = pending;
    pending = [];
    // Peers that get the same calls share the bodies (and so one node signature per body).
    const groups = new Map<string, { peers: SwarmMember[]; calls: Call[] }>();
    const members = new Map<string, SwarmMember>();
    for (const c of calls) for (const p of c.peers) if (!members.has(p.ed25519Hex)) members.set(p.ed25519Hex, p);
    for (const [pk, peer] of members) {
      const mine = calls.filter((c) => c.answers.has(pk));
      const key = mine.map((c) => c.id).join(',');
      const g = groups.get(key) ?? { peers: [], calls: mine };
      g.peers.push(peer);
      groups.set(key, g);
    }
    for (const { peers, calls: mine } of groups.values()) {
      const t = now();
      const batched = peers.filter((p) => mine.length > 1 && !((singlesUntil.get(p.ed25519Hex) ?? -Infinity) > t));
      for (const p of batched) singlesUntil.delete(p.ed25519Hex); // its pause is over
      const single = peers.filter((p) => !batched.includes(p));
      for (const c of mine) for (const p of single) void askOne(p, c);
      if (batched.length === 0) continue;
      for (const chunk of chunks(mine)) {
        if (chunk.length === 1) {
          for (const p of batched) void askOne(p, chunk[0]!);
          continue;
        }
        const body = encodeForwardBatch(chunk.map((c) => c.body));
        for (const p of batched) void askBatch(p, chunk, body);
      }
    }
  };

  return (method, params) => {
    const peers = o.peers();
    if (peers.length === 0) return Promise.resolve([]);
    o.metrics.replicationRequests.inc({}, peers.length);
    const answers = new Map<string, (result: JsonObject) => void>();
    const results = Promise.all(peers.map((p) => new Promise<JsonObject>((resolve) => answers.set(p.ed25519Hex, resolve))));
    if (pending.length === 0) setImmediate(flush);
    pending.push({ id: nextId++, method, body: Buffer.from(JSON.stringify({ method, params })), peers, answers });
    return results.then((r) => peers.map((p, i) => [p.ed25519Hex, r[i]!] as const));
  };
}
