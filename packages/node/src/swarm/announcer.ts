/**
 * Announces the node to the registry (contract: POST /announce, on start and every
 * `intervalMs`): Ed25519 signature by the node key over "hush-announce" + ed25519 hex + x25519 hex
 * + public_ip + ":" + storage_port + ":" + timestamp.
 */
import { signDetached, toBase64, utf8 } from '@hush/core';
import type { NodeIdentity } from '../identity.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { RegistryClient } from './registry-client.ts';

export interface AnnounceTarget {
  readonly publicIp: string;
  readonly port: number;
}

export function announceBody(identity: NodeIdentity, target: AnnounceTarget, now: number): Record<string, unknown> {
  const text = `hush-announce${identity.ed25519Hex}${identity.x25519Hex}${target.publicIp}:${target.port}:${now}`;
  return {
    pubkey_ed25519: identity.ed25519Hex,
    pubkey_x25519: identity.x25519Hex,
    public_ip: target.publicIp,
    storage_port: target.port,
    timestamp: now,
    signature: toBase64(signDetached(utf8(text), identity.ed25519Sk)),
  };
}

export interface Announcer {
  start(target: AnnounceTarget): void;
  stop(): Promise<void>;
  announceOnce(): Promise<void>;
}

export interface AnnouncerOptions {
  readonly client: RegistryClient;
  readonly identity: NodeIdentity;
  readonly clock: () => number;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
  /** Called after a successful announce (the follower polls at once to learn our swarm sooner). */
  readonly onAnnounced?: () => void;
}

export function createAnnouncer(o: AnnouncerOptions): Announcer {
  let target: AnnounceTarget | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let announced = false;

  const announceOnce = async (): Promise<void> => {
    if (target === undefined) return;
    const reply = await o.client.post('/announce', announceBody(o.identity, target, o.clock()));
    if (reply.status !== 200) throw new Error(`registry announce: HTTP ${reply.status}: ${reply.text.slice(0, 300)}`);
    if (!announced) o.logger.info('announced', { registry_reply: reply.text.slice(0, 300) });
    announced = true;
    o.onAnnounced?.();
  };

  const tick = (): void => {
    if (running !== undefined) return;
    running = announceOnce()
      .catch((err: unknown) => {
        o.metrics.registryErrors.inc({ call: 'announce' });
        o.logger.warn('announce_failed', { error: err });
      })
      .finally(() => (running = undefined));
  };

  return {
    start(t) {
      target = t;
      if (timer !== undefined) return;
      timer = setInterval(tick, o.intervalMs);
      tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
    announceOnce,
  };
}
