/**
 * Stores one message in an account's swarm through an onion path and returns the verified
 * receipt. The onion layer already retries other paths and other swarm members; this adds
 * attempts (with back-off) for a node that answered but did not store (a 406 clock complaint —
 * network time has been corrected from its `t` by then —, a 5xx, a reply nobody signed).
 */
import { HushError, messageHash, toBase64 } from '@hush/core';
import type { OnionClient } from '../onion-client.ts';
import type { Clock } from '../runtime/clock.ts';
import { throwIfAborted } from '../runtime/clock.ts';
import { parseAccountPubkey } from '../swarm/parse-account-pubkey.ts';
import { countStoreReceipts } from './store-receipts.ts';

export interface StoreItem {
  /** 66-hex account (05… for users). */
  readonly pubkey: string;
  readonly namespace: number;
  readonly data: Uint8Array;
  readonly ttlMs: number;
}

export interface StoreReceipt {
  readonly hash: string;
  /** Members whose signed result verified. */
  readonly storedOn: number;
  /** Members of the swarm as computed from the node list. */
  readonly swarmSize: number;
}

export interface SwarmStoreDeps {
  readonly onion: OnionClient;
  readonly clock: Clock;
  readonly attempts: number;
  readonly retryDelayMs: number;
}

function failure(item: StoreItem, status: number, body: string): HushError {
  return new HushError('HUSH_ERR_STORE_FAILED', `store in the swarm of ${item.pubkey.slice(0, 10)}…: node answered ${status} ${body.slice(0, 200)}`, {
    details: { status, pubkey: item.pubkey },
  });
}

async function attempt(deps: SwarmStoreDeps, item: StoreItem, hash: string, signal?: AbortSignal): Promise<StoreReceipt> {
  const params = { pubkey: item.pubkey, namespace: item.namespace, ttl: item.ttlMs, timestamp: deps.onion.networkTime.now(), data: toBase64(item.data) };
  const { reply, swarm } = await deps.onion.requestSwarm(item.pubkey, { method: 'store', params }, signal === undefined ? {} : { signal });
  if (reply.status !== 200) throw failure(item, reply.status, reply.body);
  const storedOn = countStoreReceipts(reply.json, hash, swarm);
  if (storedOn === 0) throw failure(item, reply.status, 'but no swarm member signed the store');
  return { hash, storedOn, swarmSize: swarm.members.length };
}

export async function storeInSwarm(deps: SwarmStoreDeps, item: StoreItem, signal?: AbortSignal): Promise<StoreReceipt> {
  const hash = messageHash(parseAccountPubkey(item.pubkey).bytes, item.namespace, item.data);
  let last: unknown;
  for (let i = 0; i < deps.attempts; i++) {
    throwIfAborted(signal, 'store');
    try {
      return await attempt(deps, item, hash, signal);
    } catch (err) {
      last = err;
      if (err instanceof HushError && (err.code === 'HUSH_ERR_ABORTED' || err.code === 'HUSH_ERR_BAD_ARGUMENT')) throw err;
      if (i + 1 < deps.attempts) await deps.clock.sleep(deps.retryDelayMs * 2 ** i, signal);
    }
  }
  throw last;
}
