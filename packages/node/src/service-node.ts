/**
 * The service node: wires identity, TLS, storage, swarm membership (registry or static list),
 * replication, the HTTPS routes and the operator endpoint, with a start/stop lifecycle.
 *
 *   const node = createServiceNode({ dataDir, port: 0, devnet: 'devnet.json' });
 *   await node.start(); … node.address, node.pubkeys … await node.stop();
 *
 * Components (logger, clock, store, peer client) may be injected; tests inject a skewed clock, a
 * given identity (onion vectors with fixed X25519 keys) or an onion-hop observer (privacy tests).
 * Stop order: registry sync, HTTPS and incoming hop links (in-flight requests finish), pushes,
 * sweeper, outgoing hop links and onion relay connections, signature threads, storage (queued
 * commits flushed, database closed), peer connections, metrics port.
 */
import { toHex } from '@hush/core';
import { mkdirSync } from 'node:fs';
import { createEdToCurveCache } from './auth/curve-cache.ts';
import type { SignaturePool } from './auth/signature-pool.ts';
import type { NodeConfig } from './config.ts';
import { createRateLimiter } from './http/rate-limiter.ts';
import { createRouter } from './http/routes.ts';
import { createHttpsServer } from './http/server.ts';
import { loadOrCreateTlsMaterial } from './http/tls-cert.ts';
import { loadOrCreateIdentity, type NodeIdentity } from './identity.ts';
import { LIMITS } from './limits.ts';
import { createLogger, type Logger } from './log/logger.ts';
import { createNodeMetrics, type NodeMetrics } from './metrics/node-metrics.ts';
import { createMetricsServer } from './metrics/server.ts';
import type { OnionHopObserver } from './onion/hop-record.ts';
import { createOnionHop, publicIpFor, rateLimiterOptions, startRegistrySync, signaturePoolFor, startSweeper, watchMembership } from './node-parts.ts';
import { createFanout } from './replication/fanout.ts';
import { createPeerClient, type PeerClient } from './replication/peer-client.ts';
import { createPushReceiver } from './replication/push-receiver.ts';
import { createSwarmPusher, type SwarmPusher } from './replication/swarm-push.ts';
import type { RpcContext } from './rpc/context.ts';
import { createMessageStore, type MessageStore } from './storage/message-store.ts';
import { createNewMessageSignal, type NewMessageSignal } from './storage/new-message-signal.ts';
import type { Sweeper } from './storage/sweeper.ts';
import { createMembership, type Membership } from './swarm/membership.ts';
import { registryProxy, staticProxy } from './swarm/oxend-proxy.ts';
import { createRegistryClient, type RegistryClient } from './swarm/registry-client.ts';
import { loadStaticView } from './swarm/static-nodes.ts';
import { buildNodeStatus, type NodeStatus } from './status.ts';

export type ServiceNodeOptions = Partial<Omit<NodeConfig, 'dataDir'>> & Pick<NodeConfig, 'dataDir'>;

export interface ServiceNodeComponents {
  readonly logger?: Logger;
  /** Wall clock in ms (all protocol time checks use it). */
  readonly clock?: () => number;
  readonly store?: MessageStore;
  readonly peerClient?: PeerClient;
  /** Tests and tools: this identity instead of `<dataDir>/identity.json` (nothing is written). */
  readonly identity?: NodeIdentity;
  /** Tests and tools: called with what each onion hop saw (see onion/hop-record.ts). */
  readonly onOnionHop?: OnionHopObserver;
}

type Address = { readonly host: string; readonly port: number };

export interface ServiceNode {
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Listening address of the HTTPS port (after start). */
  readonly address: Address;
  readonly pubkeys: { readonly ed25519: string; readonly x25519: string };
  /** Listening address of the metrics/status port, when enabled. */
  readonly metricsAddress: Address | null;
  status(): NodeStatus;
  readonly metrics: NodeMetrics;
  /** Internals for tests and tools. */
  readonly internals: { membership: Membership; sweepOnce(): Promise<number>; pushIdle(): Promise<void>; pollRegistry(): Promise<boolean> };
}

interface Running {
  readonly identity: NodeIdentity;
  readonly store: MessageStore;
  readonly membership: Membership;
  readonly address: Address;
  readonly metricsAddress: Address | null;
  readonly sweeper: Sweeper;
  readonly pusher: SwarmPusher;
  readonly pollRegistry: () => Promise<boolean>;
  readonly startedAt: number;
  /** Stops everything started, in reverse order. */
  readonly shutdown: () => Promise<void>;
}

/** Runs cleanups in reverse order of registration; used for stop and for a failed start. */
function cleanupStack(log: Logger): { push(step: () => unknown): void; run(): Promise<void> } {
  const steps: Array<() => unknown> = [];
  return {
    push: (step) => void steps.push(step),
    async run() {
      for (const step of steps.splice(0).reverse()) {
        try {
          await step();
        } catch (err) {
          log.error('stop_step_failed', { error: err });
        }
      }
    },
  };
}

export function createServiceNode(options: ServiceNodeOptions, components: ServiceNodeComponents = {}): ServiceNode {
  const ownsLogger = components.logger === undefined;
  const logger = components.logger ?? createLogger({ level: options.logLevel ?? 'info', ...(options.logFile ? { file: options.logFile } : {}) });
  const clock = components.clock ?? Date.now;
  const metrics = createNodeMetrics();
  let run: Running | undefined;

  const need = (): Running => {
    if (run === undefined) throw new Error('service node is not started');
    return run;
  };

  function rpcContext(identity: NodeIdentity, store: MessageStore, m: Membership, peers: PeerClient, registry: RegistryClient | null, log: Logger, newMessages: NewMessageSignal, signatures: SignaturePool | null): RpcContext {
    const proxy = registry === null ? staticProxy(() => m.view()) : registryProxy(registry);
    const fanoutTimeout = options.fanoutTimeoutMs ?? LIMITS.fanoutTimeoutMs;
    const ctx: RpcContext = {
      clock,
      identity,
      store,
      swarm: m,
      logger: log,
      fanout: createFanout({ client: peers, peers: () => m.peers(), timeoutMs: fanoutTimeout, logger: log, metrics }),
      oxend: (endpoint, params) => proxy(ctx, endpoint, params),
      edToCurve: createEdToCurveCache(),
      newMessages,
      ...(signatures === null ? {} : { signatures }),
    };
    return ctx;
  }

  async function startIn(cleanup: ReturnType<typeof cleanupStack>): Promise<Running> {
    mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
    const { identity, created } = components.identity === undefined ? loadOrCreateIdentity(options.dataDir) : { identity: components.identity, created: false };
    const log = logger.child({ node: identity.ed25519Hex.slice(0, 12) });
    if (created) log.info('identity_created', { pubkey_ed25519: identity.ed25519Hex });
    const tls = await loadOrCreateTlsMaterial(options.dataDir, clock());
    const commitWindow = options.groupCommitMs === undefined ? {} : { groupCommitWindowMs: options.groupCommitMs };
    const newMessages = createNewMessageSignal(LIMITS.longPollMaxWaiters);
    cleanup.push(() => newMessages.close());
    const onNewMessage = (owner: Uint8Array, namespace: number): void => newMessages.notify(toHex(owner), namespace);
    const store = components.store ?? createMessageStore({ dataDir: options.dataDir, logger: log, onNewMessage, ...commitWindow });
    await store.start();
    cleanup.push(() => store.stop());
    const signatures = signaturePoolFor(options, log);
    if (signatures !== null) cleanup.push(() => signatures.stop());
    const m = createMembership(identity.ed25519Hex);
    const outgoing = options.outgoingAddress === undefined ? {} : { localAddress: options.outgoingAddress };
    const peers = components.peerClient ?? createPeerClient({ identity, clock, ...outgoing });
    cleanup.push(() => peers.close());
    const registry = options.registry === undefined ? null : createRegistryClient(options.registry);
    const ctx = rpcContext(identity, store, m, peers, registry, log, newMessages, signatures);
    const pusher = createSwarmPusher({ me: identity.ed25519Hex, store, client: peers, clock, logger: log, metrics });
    watchMembership(m, peers, pusher, log, metrics);
    if (options.devnet !== undefined) m.update(loadStaticView(options.devnet));
    const rateLimiter = createRateLimiter(rateLimiterOptions(options));
    const receivePush = createPushReceiver({ store, clock, logger: log, metrics });
    const { onion, relay, links } = createOnionHop(options, { identity, ctx, membership: m, peers, metrics, log, ...(components.onOnionHop === undefined ? {} : { observer: components.onOnionHop }) });
    cleanup.push(() => relay.close());
    if (links !== null) cleanup.push(() => links.pool.close());
    const router = createRouter({ ctx, identity, rateLimiter, notReadyReason: () => m.notReadyReason(), isKnownNode: (pk) => m.isKnownNode(pk), receivePush, onion, metrics, logger: log, clock });
    const http = createHttpsServer(tls, router, log, links?.server);
    const host = options.host ?? '127.0.0.1';
    const address = await http.listen(host, options.port ?? 22021);
    cleanup.push(() => pusher.stop());
    cleanup.push(() => http.close());
    const rateCleaner = setInterval(() => rateLimiter.clean(), LIMITS.rateLimitCleanIntervalMs);
    rateCleaner.unref();
    cleanup.push(() => clearInterval(rateCleaner));
    const sweeper = startSweeper(options, store, clock, log, metrics);
    cleanup.push(() => sweeper.stop());
    const sync = registry === null ? null : startRegistrySync(options, { client: registry, membership: m, identity, clock, log, metrics }, { publicIp: publicIpFor(options, host), port: address.port });
    if (sync !== null) {
      cleanup.push(() => sync.follower.stop());
      cleanup.push(() => sync.announcer.stop());
    }
    let metricsAddress: Address | null = null;
    if (options.metricsPort !== undefined) {
      const ms = createMetricsServer(() => metrics.registry.render(), () => status(), log);
      metricsAddress = await ms.listen(options.metricsHost ?? '127.0.0.1', options.metricsPort);
      cleanup.push(() => ms.close());
    }
    log.info('node_started', { host: address.host, port: address.port, pubkey_ed25519: identity.ed25519Hex, pubkey_x25519: identity.x25519Hex, metrics: metricsAddress, ready: m.notReadyReason() ?? 'yes' });
    const pollRegistry = (): Promise<boolean> => sync?.follower.pollOnce() ?? Promise.resolve(false);
    return { identity, store, membership: m, address, metricsAddress, sweeper, pusher, pollRegistry, startedAt: clock(), shutdown: () => cleanup.run() };
  }

  async function start(): Promise<void> {
    if (run !== undefined) return;
    const cleanup = cleanupStack(logger);
    try {
      run = await startIn(cleanup);
    } catch (err) {
      await cleanup.run();
      throw err;
    }
  }

  async function stop(): Promise<void> {
    const r = run;
    if (r === undefined) return;
    run = undefined;
    await r.shutdown();
    logger.info('node_stopped', { pubkey_ed25519: r.identity.ed25519Hex });
    if (ownsLogger) await logger.close();
  }

  function status(): NodeStatus {
    const r = need();
    return buildNodeStatus({
      identity: r.identity,
      address: r.address,
      membership: r.membership,
      store: r.store,
      metrics,
      clock,
      startedAt: r.startedAt,
      registry: options.registry ?? null,
      devnet: options.devnet ?? null,
    });
  }

  return {
    start,
    stop,
    get address() {
      return need().address;
    },
    get pubkeys() {
      const id = need().identity;
      return { ed25519: id.ed25519Hex, x25519: id.x25519Hex };
    },
    get metricsAddress() {
      return need().metricsAddress;
    },
    status,
    metrics,
    internals: {
      get membership() {
        return need().membership;
      },
      sweepOnce: () => need().sweeper.sweepOnce(),
      pushIdle: () => need().pusher.idle(),
      pollRegistry: () => need().pollRegistry(),
    },
  };
}
