/** Where a node list comes from: a registry (seed), a devnet.json file, or seed nodes. */
import type { ServiceNode } from './service-node.ts';

export interface NodeSource {
  /** For logs and error details. */
  readonly name: string;
  /** A fresh list; rejects with a HushError when none can be had. */
  fetch(signal: AbortSignal): Promise<ServiceNode[]>;
}

/** The `params` of a `get_service_nodes` call: only the fields the client reads. */
export const NODE_LIST_PARAMS = {
  active_only: true,
  fields: { pubkey_ed25519: true, pubkey_x25519: true, public_ip: true, storage_port: true, swarm: true, funded: true, active: true },
} as const;
