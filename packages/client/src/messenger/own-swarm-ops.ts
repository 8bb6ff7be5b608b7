/**
 * Signed changes to messages in our own swarm (spec client §5.2, §10): `delete` (unsend) and
 * `expire` with `shorten` (after-read timers). Both need our signature; both fan out to the swarm.
 */
import { HushError, deleteSignedString, expireSignedString, type AccountKeys } from '@hush/core';
import type { OnionClient } from '../onion-client.ts';
import { signedFields } from './signed-params.ts';

export interface OwnSwarmOps {
  deleteHashes(hashes: readonly string[], signal?: AbortSignal): Promise<void>;
  shortenExpiry(hashes: readonly string[], expiry: number, signal?: AbortSignal): Promise<void>;
}

async function call(onion: OnionClient, pubkey: string, method: string, params: Record<string, unknown>, signal?: AbortSignal): Promise<void> {
  const { reply } = await onion.requestSwarm(pubkey, { method, params }, signal === undefined ? {} : { signal });
  if (reply.status !== 200) {
    throw new HushError('HUSH_ERR_RPC_FAILED', `${method} in our swarm: node answered ${reply.status} ${reply.body.slice(0, 200)}`, { details: { method, status: reply.status } });
  }
}

export function createOwnSwarmOps(onion: OnionClient, keys: AccountKeys): OwnSwarmOps {
  return {
    deleteHashes: (hashes, signal) =>
      call(onion, keys.sessionId, 'delete', { ...signedFields(keys, deleteSignedString({ messages: hashes })), messages: [...hashes] }, signal),
    shortenExpiry: (hashes, expiry, signal) =>
      call(onion, keys.sessionId, 'expire', {
        ...signedFields(keys, expireSignedString({ messages: hashes, expiry, shorten: true })),
        messages: [...hashes],
        expiry,
        shorten: true,
      }, signal),
  };
}
