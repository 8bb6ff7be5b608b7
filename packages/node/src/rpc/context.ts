/**
 * What RPC handlers get to work with: the node's clock and identity, the message store, the swarm
 * view, the fan-out to swarm peers and the registry proxy. Handlers do no other I/O.
 */
import type { SignatureVerifier } from '../auth/signature-pool.ts';
import type { NodeIdentity } from '../identity.ts';
import type { Logger } from '../log/logger.ts';
import type { NewMessageSignal } from '../storage/new-message-signal.ts';
import type { ReadQueries } from '../storage/read-queries.ts';
import type { WriteOp, WriteResultOf } from '../storage/write-ops.ts';
import type { Params } from './params.ts';
import type { JsonObject, RpcResponse } from './response.ts';

export interface SwarmMember {
  readonly ed25519Hex: string;
  readonly x25519Hex: string;
  readonly ip: string;
  readonly port: number;
  readonly swarmId: bigint;
}

export interface SwarmInfo {
  readonly id: bigint;
  readonly members: readonly SwarmMember[];
}

export interface SwarmLookup {
  /** True when the account maps to our swarm. */
  isOurs(account: Uint8Array): boolean;
  /** The swarm an account maps to; null when no swarm is known. */
  swarmFor(account: Uint8Array): SwarmInfo | null;
  /** [hardfork, snode_revision] for the `hf` field. */
  hf(): [number, number];
  height(): number;
}

export interface RpcStore extends Pick<ReadQueries, 'retrieve' | 'getExpiries' | 'isRevoked'> {
  write<O extends WriteOp>(op: O): Promise<WriteResultOf<O>>;
}

/** One peer's per-node result (or failure object) keyed by its Ed25519 hex. */
export type PeerResults = Array<readonly [string, JsonObject]>;

export interface RpcContext {
  readonly clock: () => number;
  readonly identity: NodeIdentity;
  readonly store: RpcStore;
  readonly swarm: SwarmLookup;
  /** Sends a recursive request to every other member of our swarm; resolves when all answered or timed out. */
  fanout(method: string, params: Params): Promise<PeerResults>;
  /** oxend_request proxy (registry). */
  oxend(endpoint: string, params: JsonObject | null): Promise<RpcResponse>;
  readonly logger: Logger;
  /** Cached Ed25519 → X25519 conversion for signature checks (optional). */
  readonly edToCurve?: (edPk: Uint8Array) => Uint8Array;
  /** Request-signature verifies off the main thread (absent: core's verifyDetached, inline). */
  readonly signatures?: SignatureVerifier;
  /** Wakes long-polling retrieves when a message is stored (absent: retrieve never waits). */
  readonly newMessages?: NewMessageSignal;
}
