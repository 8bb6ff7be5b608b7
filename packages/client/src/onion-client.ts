/**
 * The client's network layer in one component: node pool + onion paths + onion sender + swarm
 * lookups + network time. `start()` loads the node list and builds the first paths; `stop()`
 * cancels timers and in-flight work and closes connections it opened.
 */
import { HushError, encodeV4Request, utf8, type OnionEncType } from '@hush/core';
import { CLIENT_LIMITS, type ClientLimits } from './limits.ts';
import { createNetworkTime, type NetworkTime } from './network-time.ts';
import { nodeSourceFor, type NetworkOption } from './network-option.ts';
import { createNodePool, type NodePool } from './node-pool/node-pool.ts';
import { NODE_LIST_PARAMS } from './node-pool/node-source.ts';
import { parseNodeListReply } from './node-pool/parse-node-list-reply.ts';
import type { ServiceNode } from './node-pool/service-node.ts';
import { createGuardTest } from './onion/guard-test.ts';
import type { OnionPathInfo } from './onion/onion-path.ts';
import type { NodeReply, ServerReply } from './onion/onion-replies.ts';
import { createOnionSender, sendOnionRequest, type SendOptions } from './onion/onion-sender.ts';
import type { OnionServer } from './onion/onion-target.ts';
import { createPathManager, type PathManager } from './onion/path-manager.ts';
import { createPathLatency, type PathLatency } from './onion/path-latency.ts';
import { hopFigures, type HopFigure } from './onion/hop-figures.ts';
import { createHopLatency, type HopLatency } from './onion/hop-latency.ts';
import { probePathHops, type PrefixProbeDeps } from './onion/prefix-probe.ts';
import { prefixProbeStrike } from './onion/prefix-probe-blame.ts';
import { systemClock, type Clock } from './runtime/clock.ts';
import { isPlainObject } from './runtime/json.ts';
import { silentClientLogger, type ClientLogger } from './runtime/logger.ts';
import { pick, systemRandom, type Random } from './runtime/random.ts';
import { fetchSwarm, swarmAmong, type Swarm } from './swarm/swarm-resolver.ts';
import { requestSwarm, type SwarmReply } from './swarm/swarm-request.ts';
import { createNodeHttpTransport } from './transport/node-http-transport.ts';
import type { Transport } from './transport/transport.ts';

export interface OnionClientOptions {
  readonly network: NetworkOption;
  readonly transport?: Transport;
  readonly clock?: Clock;
  readonly random?: Random;
  readonly logger?: ClientLogger;
  readonly limits?: Partial<ClientLimits>;
  /** Layer encryption (default xchacha20, as LSU). */
  readonly encType?: OnionEncType;
}

export type RpcBody = { readonly method: string; readonly params?: Readonly<Record<string, unknown>> } | Uint8Array;

export interface ServerRequest {
  readonly method: string;
  /** Path and query on the server, starting with "/". */
  readonly endpoint: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: Uint8Array;
}

export interface OnionClient {
  start(signal?: AbortSignal): Promise<void>;
  stop(): Promise<void>;
  /** Storage RPC to one node (a pool node or its Ed25519 hex key) through a 3-hop path. */
  request(destination: ServiceNode | string, body: RpcBody, options?: SendOptions): Promise<NodeReply>;
  /** A v4 request to a server (file server, community server) through a path. */
  requestServer(server: OnionServer, request: ServerRequest, options?: SendOptions): Promise<ServerReply>;
  /** Storage RPC to the swarm of an account (66-hex id), with 421 handling. */
  requestSwarm(pubkey: string, body: RpcBody, options?: SendOptions): Promise<SwarmReply>;
  /** The account's swarm computed from the node list. */
  swarmFor(pubkey: string): Swarm;
  /** The account's swarm as a node reports it (`get_swarm`). */
  fetchSwarm(pubkey: string, options?: SendOptions): Promise<Swarm>;
  paths(): readonly OnionPathInfo[];
  /** Median recent round trip of a path (ms), or null before any. */
  pathLatencyMs(pathId: number): number | null;
  /**
   * Probes the prefixes of the path with this id (prefix-probe.ts): one `info` to each hop through
   * the hops before it, in order, until one fails; records the round trips for `hopLatency`, and
   * counts a failure against the hop it points at (prefix-probe-blame.ts). Resolves with the hops
   * measured; a path that is gone measures 0. Rejects only when aborted.
   */
  probeHops(pathId: number, signal?: AbortSignal): Promise<{ readonly measured: number; readonly failedHop: number | null }>;
  /** Per-hop latency of the path's current hops (cumulative and own share, ms; null before data); [] for an unknown path. */
  hopLatency(pathId: number): readonly HopFigure[];
  nodes(): readonly ServiceNode[];
  refreshNodes(options?: { signal?: AbortSignal; fromSeed?: boolean }): Promise<void>;
  readonly networkTime: NetworkTime;
}

function encodeBody(body: RpcBody, max: number): Uint8Array {
  const bytes = body instanceof Uint8Array ? body : utf8(JSON.stringify({ method: body.method, params: body.params ?? {} }));
  if (bytes.length > max) throw new HushError('HUSH_ERR_TOO_LARGE', `body: ${bytes.length} bytes is more than ${max}`, { details: { field: 'body', max } });
  return bytes;
}

interface Parts {
  readonly limits: ClientLimits;
  readonly transport: Transport;
  readonly random: Random;
  readonly pool: NodePool;
  readonly paths: PathManager;
  readonly networkTime: NetworkTime;
  readonly latency: PathLatency;
  readonly hopLatency: HopLatency;
  readonly probe: PrefixProbeDeps;
  readonly logger: ClientLogger;
  readonly toNode: (node: ServiceNode, body: RpcBody, o?: SendOptions) => Promise<NodeReply>;
  readonly toServer: (server: OnionServer, payload: Uint8Array, o?: SendOptions) => Promise<ServerReply>;
}

function assemble(options: OnionClientOptions): Parts {
  const limits: ClientLimits = { ...CLIENT_LIMITS, ...options.limits };
  const transport = options.transport ?? createNodeHttpTransport({ maxAgents: limits.maxAgents });
  const clock = options.clock ?? systemClock;
  const random = options.random ?? systemRandom;
  const logger = options.logger ?? silentClientLogger;
  const networkTime = createNetworkTime({ clock, maxSamples: limits.networkTimeSamples });
  const source = nodeSourceFor(options.network, { transport, random, limits });
  let toNode: Parts['toNode'] = () => Promise.reject(new Error('not wired'));
  const fetchFromNode = async (node: ServiceNode, signal: AbortSignal): Promise<ServiceNode[]> => {
    const reply = await toNode(node, { method: 'oxend_request', params: { endpoint: 'get_service_nodes', params: NODE_LIST_PARAMS } }, { signal });
    if (reply.status !== 200) throw new HushError('HUSH_ERR_NODE_LIST', `node ${node.ed25519}: oxend_request answered ${reply.status}`, { details: { node: node.ed25519 } });
    return parseNodeListReply(utf8(reply.body), `node ${node.ed25519}`, limits.maxNodeListBytes, limits.maxPoolNodes).nodes;
  };
  const pool = createNodePool({ source, clock, random, logger, limits, fetchFromNode });
  const testGuard = createGuardTest({ transport, timeoutMs: limits.guardTestTimeoutMs, onNodeTime: (t) => networkTime.addSample(t) });
  const paths = createPathManager({ pool, random, logger, limits, testGuard });
  const latency = createPathLatency(10, 64);
  const hopLatency = createHopLatency({ keep: limits.hopLatencySamples, maxPaths: limits.hopLatencyPaths, maxHops: limits.pathHops });
  const encType = options.encType ?? 'xchacha20';
  const probe: PrefixProbeDeps = { transport, random, clock, encType, limits, onNodeTime: (t) => networkTime.addSample(t) };
  const sender = createOnionSender({
    transport, random, clock, logger, paths, limits,
    encType,
    onRoundTrip: (path, ms) => latency.record(path.id, nodeKeys(path.nodes), ms),
  });
  toNode = async (node, body, o) => {
    const reply = await sendOnionRequest(sender, node, encodeBody(body, limits.maxRequestBytes), o);
    if (isPlainObject(reply.json)) networkTime.addSample(reply.json['t']);
    return reply;
  };
  const toServer: Parts['toServer'] = (server, payload, o) => sendOnionRequest(sender, server, payload, o);
  return { limits, transport, random, pool, paths, networkTime, latency, hopLatency, probe, logger, toNode, toServer };
}

const nodeKeys = (nodes: readonly { readonly ed25519: string }[]): string[] => nodes.map((n) => n.ed25519);

async function probeHops(p: Parts, pathId: number, signal?: AbortSignal): Promise<{ measured: number; failedHop: number | null }> {
  p.hopLatency.retain(p.paths.paths().map((info) => ({ id: info.id, nodes: nodeKeys(info.nodes) })));
  const path = p.paths.path(pathId);
  if (path === undefined) return { measured: 0, failedHop: null };
  const result = await probePathHops(p.probe, path, signal);
  result.roundTrips.forEach((ms, hop) => p.hopLatency.record(path.id, nodeKeys(path.nodes.slice(0, hop + 1)), ms));
  if (result.failed === null) return { measured: result.roundTrips.length, failedHop: null };
  const { hop, failure } = result.failed;
  const strike = prefixProbeStrike(path, hop, failure.blame);
  if (strike !== null) p.paths.reportNodeFailure(strike.ed25519, strike.force);
  p.logger.debug('hop_probe_failed', { path: path.id, hop, code: failure.error.code, ...failure.error.details });
  return { measured: result.roundTrips.length, failedHop: hop };
}

/** The median round trip over the path's current nodes (null before any, or for an unknown path). */
function pathLatencyOf(p: Parts, pathId: number): number | null {
  const info = p.paths.paths().find((x) => x.id === pathId);
  return info === undefined ? null : p.latency.medianMs(pathId, nodeKeys(info.nodes));
}

function hopLatencyOf(p: Parts, pathId: number): HopFigure[] {
  const info = p.paths.paths().find((x) => x.id === pathId);
  return info === undefined ? [] : hopFigures(p.hopLatency.medians(pathId, nodeKeys(info.nodes)));
}

function resolveNode(pool: NodePool, destination: ServiceNode | string): ServiceNode {
  if (typeof destination !== 'string') return destination;
  const node = pool.get(destination.toLowerCase());
  if (node === undefined) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'destination: not a node in the node list', { details: { field: 'destination' } });
  return node;
}

export function createOnionClient(options: OnionClientOptions): OnionClient {
  const p = assemble(options);
  const ownsTransport = options.transport === undefined;
  const stop = (): void => {
    p.paths.stop();
    p.pool.stop();
    if (ownsTransport) p.transport.close();
  };
  const swarmDeps = (body: RpcBody, o: SendOptions) => ({
    pool: p.pool,
    random: p.random,
    max421: p.limits.max421,
    maxDestinations: p.limits.maxSwarmDestinations,
    send: (node: ServiceNode) => p.toNode(node, body, o),
  });
  return {
    async start(signal) {
      try {
        await p.pool.start(signal);
        await p.paths.start(signal);
      } catch (err) {
        stop();
        throw err;
      }
    },
    stop: async () => stop(),
    request: (destination, body, o) => p.toNode(resolveNode(p.pool, destination), body, o),
    requestServer: (server, req, o) => p.toServer(server, encodeV4Request({ method: req.method, endpoint: req.endpoint, ...(req.headers === undefined ? {} : { headers: req.headers }) }, req.body), o),
    requestSwarm: (pubkey, body, o = {}) => requestSwarm(swarmDeps(body, o), pubkey, o.signal),
    swarmFor: (pubkey) => swarmAmong(p.pool.usable(), pubkey),
    async fetchSwarm(pubkey, o = {}) {
      const via = pick(p.random, p.pool.usable());
      if (via === undefined) throw new HushError('HUSH_ERR_NODE_LIST', 'no usable node to ask', { details: {} });
      const ask = async (node: ServiceNode, body: { method: string; params: Record<string, unknown> }) => p.toNode(node, body, o);
      return fetchSwarm(p.pool, ask, via, pubkey, p.limits.maxPoolNodes, o.signal);
    },
    paths: () => p.paths.paths(),
    pathLatencyMs: (id) => pathLatencyOf(p, id),
    probeHops: (id, signal) => probeHops(p, id, signal),
    hopLatency: (id) => hopLatencyOf(p, id),
    nodes: () => p.pool.all(),
    refreshNodes: (o = {}) => p.pool.refresh(o),
    networkTime: p.networkTime,
  };
}
