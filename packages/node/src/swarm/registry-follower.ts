/**
 * Follows the registry: polls get_n_service_nodes every `intervalMs` with `poll_block_hash` (the
 * registry answers `unchanged: true` while nothing changed) and hands each new list to the
 * membership. Polls never overlap; failures are logged and retried at the next tick.
 */
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import { isPlainObject } from '../rpc/params.ts';
import type { Membership } from './membership.ts';
import { parseServiceNodeStates } from './node-list.ts';
import type { RegistryClient } from './registry-client.ts';
import { buildSwarmView } from './swarm-view.ts';

export const NODE_FIELDS = [
  'service_node_pubkey',
  'pubkey_ed25519',
  'pubkey_x25519',
  'public_ip',
  'storage_port',
  'swarm',
  'funded',
  'active',
] as const;

export interface RegistryFollower {
  start(): void;
  stop(): Promise<void>;
  /** One poll now; resolves true when a new list was applied. */
  pollOnce(): Promise<boolean>;
}

export interface FollowerOptions {
  readonly client: RegistryClient;
  readonly membership: Membership;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly metrics: NodeMetrics;
}

function int(v: unknown, fallback: number): number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : fallback;
}

export function createRegistryFollower(o: FollowerOptions): RegistryFollower {
  let blockHash: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<boolean> | undefined;

  const apply = (result: Record<string, unknown>): boolean => {
    if (result['unchanged'] === true) return false;
    const parsed = parseServiceNodeStates(result['service_node_states']);
    const hash = typeof result['block_hash'] === 'string' ? result['block_hash'] : '';
    const hf: [number, number] = [int(result['hardfork'], 21), int(result['snode_revision'], 0)];
    o.membership.update(buildSwarmView(parsed.nodes, { height: int(result['height'], 0), blockHash: hash, hf }));
    blockHash = hash === '' ? undefined : hash;
    if (parsed.skipped > 0) o.logger.warn('registry_entries_skipped', { skipped: parsed.skipped });
    o.logger.debug('node_list_updated', { nodes: parsed.nodes.length, height: result['height'], swarm: String(o.membership.mySwarm()) });
    return true;
  };

  const pollOnce = async (): Promise<boolean> => {
    const params = { fields: Object.fromEntries(NODE_FIELDS.map((f) => [f, true])), active_only: false, ...(blockHash ? { poll_block_hash: blockHash } : {}) };
    const result = await o.client.rpc('get_n_service_nodes', params);
    if (!isPlainObject(result)) throw new Error('registry get_n_service_nodes: result is not an object');
    return apply(result);
  };

  const tick = (): void => {
    if (running !== undefined) return;
    running = pollOnce()
      .catch((err: unknown) => {
        o.metrics.registryErrors.inc({ call: 'get_n_service_nodes' });
        o.logger.warn('registry_poll_failed', { error: err });
        return false;
      })
      .finally(() => (running = undefined));
  };

  return {
    start() {
      if (timer !== undefined) return;
      timer = setInterval(tick, o.intervalMs);
      tick();
    },
    async stop() {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
      await running;
    },
    pollOnce,
  };
}
