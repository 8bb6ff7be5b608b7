/**
 * Wiring helpers of the service node (kept out of service-node.ts so each stays short): the
 * membership listener, registry sync (announcer + follower), the sweeper with its gauges, the
 * signature threads, the rate limiter's options, and the onion hop with its server relay and hop
 * links.
 */
import { availableParallelism } from 'node:os';
import { createSignaturePool, type SignaturePool } from './auth/signature-pool.ts';
import type { NodeIdentity } from './identity.ts';
import { LIMITS } from './limits.ts';
import type { Logger } from './log/logger.ts';
import type { NodeMetrics } from './metrics/node-metrics.ts';
import type { PeerClient } from './replication/peer-client.ts';
import type { SwarmPusher } from './replication/swarm-push.ts';
import type { ServiceNodeOptions } from './service-node.ts';
import type { MessageStore } from './storage/message-store.ts';
import { createSweeper, type Sweeper } from './storage/sweeper.ts';
import { createAnnouncer, type Announcer } from './swarm/announcer.ts';
import type { Membership } from './swarm/membership.ts';
import type { RegistryClient } from './swarm/registry-client.ts';
import { createRegistryFollower, type RegistryFollower } from './swarm/registry-follower.ts';
import type { RateLimiterOptions } from './http/rate-limiter.ts';
import type { OnionHopObserver } from './onion/hop-record.ts';
import { createHopLinkPool, type HopLinkPool } from './onion/hop-link-pool.ts';
import { createHopLinkServer, type HopLinkServer } from './onion/hop-link-server.ts';
import { createOnionHandler, type OnionHandler } from './onion/onion-handler.ts';
import { createRelayAllowlist } from './onion/relay-allowlist.ts';
import { createServerRelay, type ServerRelay } from './onion/server-relay.ts';
import type { RpcContext } from './rpc/context.ts';

/** On every new node list: gauges, peer agents to keep, a log line, and the swarm-change push. */
export function watchMembership(m: Membership, peerClient: PeerClient, pusher: SwarmPusher, log: Logger, metrics: NodeMetrics): void {
  m.onChange((prev, next) => {
    metrics.knownNodes.set(next.nodes.length);
    metrics.swarmPeers.set(m.peers().length);
    peerClient.retain(new Set(next.byEd25519.keys()));
    const mine = m.mySwarm();
    log.info('swarm_view_changed', { height: next.height, nodes: next.nodes.length, swarms: next.swarmIds.length, my_swarm: mine === null ? null : mine.toString(16), peers: m.peers().length });
    pusher.onChange(prev, next);
  });
}

export interface RegistrySync {
  readonly follower: RegistryFollower;
  readonly announcer: Announcer;
}

/** Announces (and re-announces) the node and follows the node list; polls at once after the first announce. */
export function startRegistrySync(
  o: ServiceNodeOptions,
  d: { client: RegistryClient; membership: Membership; identity: NodeIdentity; clock: () => number; log: Logger; metrics: NodeMetrics },
  target: { publicIp: string; port: number },
): RegistrySync {
  const follower = createRegistryFollower({ client: d.client, membership: d.membership, intervalMs: o.pollIntervalMs ?? LIMITS.registryPollIntervalMs, logger: d.log, metrics: d.metrics });
  let first = true;
  const announcer = createAnnouncer({
    client: d.client,
    identity: d.identity,
    clock: d.clock,
    intervalMs: o.announceIntervalMs ?? LIMITS.announceIntervalMs,
    logger: d.log,
    metrics: d.metrics,
    onAnnounced: () => {
      if (first) void follower.pollOnce().catch(() => undefined);
      first = false;
    },
  });
  announcer.start(target);
  follower.start();
  return { follower, announcer };
}

/** The expiry sweeper, refreshing the storage gauges after each sweep. */
export function startSweeper(o: ServiceNodeOptions, store: MessageStore, clock: () => number, log: Logger, metrics: NodeMetrics): Sweeper {
  const sweeper = createSweeper({
    store,
    clock,
    intervalMs: o.sweepIntervalMs ?? LIMITS.sweepIntervalMs,
    logger: log,
    onStats: (s) => {
      metrics.storedMessages.set(s.messages);
      metrics.storedBytes.set(s.bytes);
      metrics.sweptMessages.inc({}, s.swept);
      const c = store.commitStats();
      metrics.commitBatches.set(c.batches);
      metrics.commitLastBatchSize.set(c.lastBatchSize);
    },
  });
  sweeper.start();
  return sweeper;
}

/**
 * The signature threads (null = request verifies inline on the main thread): the option, else one
 * per core beyond the first, at most LIMITS.signatureThreadsDefaultMax.
 */
export function signaturePoolFor(o: ServiceNodeOptions, log: Logger): SignaturePool | null {
  const threads = o.signatureThreads ?? Math.min(LIMITS.signatureThreadsDefaultMax, availableParallelism() - 1);
  if (threads <= 0) return null;
  return createSignaturePool({ threads, maxBatch: LIMITS.signatureMaxBatch, logger: log });
}

export function rateLimiterOptions(o: ServiceNodeOptions): RateLimiterOptions {
  return {
    bucketSize: o.rateLimitBucket ?? LIMITS.rateLimitBucketSize,
    tokensPerSecond: o.rateLimitRate ?? LIMITS.rateLimitTokensPerSecond,
    maxClients: o.rateLimitMaxClients ?? LIMITS.rateLimitMaxClients,
  };
}

/** The IPv4 announced to the registry: the option, else the listen host when it is one, else loopback. */
export function publicIpFor(o: ServiceNodeOptions, host: string): string {
  if (o.publicIp !== undefined) return o.publicIp;
  return /^\d+\.\d+\.\d+\.\d+$/.test(host) && host !== '0.0.0.0' ? host : '127.0.0.1';
}

export interface OnionHopParts {
  readonly identity: NodeIdentity;
  readonly ctx: RpcContext;
  readonly membership: Membership;
  readonly peers: PeerClient;
  readonly metrics: NodeMetrics;
  readonly log: Logger;
  readonly observer?: OnionHopObserver;
}

export interface OnionHop {
  readonly onion: OnionHandler;
  readonly relay: ServerRelay;
  /** Outgoing hop links and the server for incoming ones; null with `hopLinks: false`. */
  readonly links: { readonly pool: HopLinkPool; readonly server: HopLinkServer } | null;
}

/** Outgoing links, kept for the nodes of the current list. */
function createLinkPool(o: ServiceNodeOptions, d: OnionHopParts): HopLinkPool {
  const pool = createHopLinkPool(o.outgoingAddress === undefined ? {} : { localAddress: o.outgoingAddress });
  d.membership.onChange((_prev, next) => pool.retain(new Set(next.byEd25519.keys())));
  return pool;
}

/** The /onion_req/v2 handler: next hops from the current node list, the relay from the options. */
export function createOnionHop(o: ServiceNodeOptions, d: OnionHopParts): OnionHop {
  const relay = createServerRelay({
    timeoutMs: o.onionRelayTimeoutMs ?? LIMITS.onionRelayTimeoutMs,
    maxResponseBytes: LIMITS.onionRelayMaxResponseBytes,
    maxSockets: LIMITS.onionRelayMaxSockets,
    ...(o.outgoingAddress === undefined ? {} : { localAddress: o.outgoingAddress }),
  });
  const pool = o.hopLinks === false ? null : createLinkPool(o, d);
  const onion = createOnionHandler({
    identity: d.identity,
    ctx: d.ctx,
    findNode: (pk) => d.membership.view()?.byEd25519.get(pk),
    peers: d.peers,
    ...(pool === null ? {} : { links: pool }),
    relay,
    relayAllowed: createRelayAllowlist(o.onionRelayHosts ?? []),
    forwardTimeoutMs: o.onionForwardTimeoutMs ?? LIMITS.onionForwardTimeoutMs,
    metrics: d.metrics,
    logger: d.log,
    ...(d.observer === undefined ? {} : { observer: d.observer }),
  });
  if (pool === null) return { onion, relay, links: null };
  const server = createHopLinkServer({ handle: onion.handle, notReadyReason: () => d.membership.notReadyReason(), metrics: d.metrics, logger: d.log });
  return { onion, relay, links: { pool, server } };
}
