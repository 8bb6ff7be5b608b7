/**
 * Probing the prefixes of an onion path, for per-hop latency (hop-figures.ts): hop k is the
 * destination of a storage `info` sent through hops 0..k−1 — for the guard a one-layer request
 * straight to it, for the middle [guard] → middle, for the exit [guard, middle] → exit. Each is an
 * ordinary onion request made by the client's builder, so the round trip to hop k covers the same
 * links and layer work a real request passes through up to that hop.
 *
 * Privacy: a prefix probe shows no node anything it does not see already. The guard sees us (it
 * always does); the middle and the exit see only their predecessor on the path, as on every
 * request; each answers an `info`, which carries nothing about us. What they can tell is that
 * they were a request's last hop, which any destination can.
 *
 * The prefixes are probed in order and the first failure ends the round: a longer prefix would
 * only fail again at the same place. Timing covers the exchange with the entry node (POST to the
 * reply), not the building of the layers. Nothing here counts failures; see prefix-probe-blame.ts.
 */
import { isHushError, utf8, type OnionEncType } from '@hush/core';
import type { ClientLimits } from '../limits.ts';
import { nodeEndpoint } from '../node-pool/service-node.ts';
import { elapsedClock, type Clock } from '../runtime/clock.ts';
import { isPlainObject } from '../runtime/json.ts';
import type { Random } from '../runtime/random.ts';
import type { Transport } from '../transport/transport.ts';
import { buildClientRequest } from './build-client-request.ts';
import { classifyPathStatus, classifyTransportError } from './classify-path-error.ts';
import type { OnionPath } from './onion-path.ts';
import { decodeNodeReply, type NodeReply } from './onion-replies.ts';
import type { OnionTarget } from './onion-target.ts';
import { badResponseError, type PathFailure } from './path-failure.ts';

export type PrefixProbeLimits = Pick<ClientLimits, 'hopProbeTimeoutMs' | 'maxResponseBytes' | 'maxReasonChars'>;

export interface PrefixProbeDeps {
  readonly transport: Transport;
  readonly random: Random;
  readonly clock: Clock;
  readonly encType: OnionEncType;
  readonly limits: PrefixProbeLimits;
  /** Told each reply's node time (`t` of `info`) as it arrives, for network time. */
  readonly onNodeTime?: (t: unknown) => void;
}

export type PrefixProbeResult =
  | { readonly ok: true; readonly ms: number; readonly reply: NodeReply }
  | { readonly ok: false; readonly failure: PathFailure };

export interface PathHopsProbe {
  /** Round trip (ms) to hops 0..n−1 of the path, as far as they answered. */
  readonly roundTrips: readonly number[];
  /** The hop whose probe failed, and how (null: every hop answered). */
  readonly failed: { readonly hop: number; readonly failure: PathFailure } | null;
}

const INFO = utf8(JSON.stringify({ method: 'info', params: {} }));

/** The path of the probe of hop `hop`: the hops before it (what the request is built over). */
export function prefixOf(path: OnionPath, hop: number): OnionPath {
  return { id: path.id, nodes: path.nodes.slice(0, hop) };
}

/** One `info` to hop `hop` of `path` through the hops before it. Rejects only for aborts and bugs. */
export async function probePrefix(deps: PrefixProbeDeps, path: OnionPath, hop: number, signal?: AbortSignal): Promise<PrefixProbeResult> {
  const node = path.nodes[hop];
  if (node === undefined) throw new RangeError(`hop ${hop} of a ${path.nodes.length}-hop path`);
  const prefix = prefixOf(path, hop);
  const target: OnionTarget = { kind: 'node', node };
  const built = buildClientRequest(deps.random, prefix, target, INFO, deps.encType);
  const entry = path.nodes[0]!; // the guard: the destination itself when the prefix is empty
  const timer = elapsedClock(deps.clock);
  const began = timer();
  let res;
  try {
    res = await deps.transport.request({
      endpoint: nodeEndpoint(entry),
      path: '/onion_req/v2',
      body: built.wire,
      contentType: 'application/octet-stream',
      timeoutMs: deps.limits.hopProbeTimeoutMs,
      maxResponseBytes: deps.limits.maxResponseBytes,
      ...(signal === undefined ? {} : { signal }),
    });
  } catch (err) {
    // The guard's own probe has an empty prefix: classify it over [guard] so "unreachable" names the guard.
    const failure = isHushError(err, 'HUSH_ERR_ABORTED') ? null : classifyTransportError(hop === 0 ? prefixOf(path, 1) : prefix, target, err);
    if (failure === null) throw err;
    return { ok: false, failure };
  }
  const ms = timer() - began;
  if (res.status !== 200) return { ok: false, failure: classifyPathStatus(prefix, target, res.status, res.body, deps.limits.maxReasonChars) };
  let reply: NodeReply;
  try {
    reply = decodeNodeReply(res.body, built);
  } catch (err) {
    return { ok: false, failure: { error: badResponseError(prefix, target, err), blame: { kind: 'path' }, retry: true } };
  }
  if (isPlainObject(reply.json)) deps.onNodeTime?.(reply.json['t']);
  return { ok: true, ms, reply };
}

/** Probes hops 0, 1, … of `path` in turn until one fails. */
export async function probePathHops(deps: PrefixProbeDeps, path: OnionPath, signal?: AbortSignal): Promise<PathHopsProbe> {
  const roundTrips: number[] = [];
  for (let hop = 0; hop < path.nodes.length; hop++) {
    const result = await probePrefix(deps, path, hop, signal);
    if (!result.ok) return { roundTrips, failed: { hop, failure: result.failure } };
    roundTrips.push(result.ms);
  }
  return { roundTrips, failed: null };
}
