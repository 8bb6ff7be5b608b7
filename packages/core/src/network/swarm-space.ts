/**
 * Where an account sits on the 2^64 swarm ring (session-network.md §6.2; SS `swarm.cpp
 * pubkey_to_swarm_space`): XOR the four 8-byte chunks of the 32-byte key (network prefix dropped)
 * and read the result as a big-endian u64.
 */
import { HushError } from '../errors.ts';

/** `pubkey`: 33 bytes (prefixed account key) or the bare 32 bytes. */
export function swarmSpace(pubkey: Uint8Array): bigint {
  if (!(pubkey instanceof Uint8Array) || (pubkey.length !== 32 && pubkey.length !== 33)) {
    throw new HushError('HUSH_ERR_BAD_LENGTH', 'pubkey: expected 32 or 33 bytes', {
      details: { field: 'pubkey', got: pubkey instanceof Uint8Array ? pubkey.length : typeof pubkey },
    });
  }
  const key = pubkey.length === 33 ? pubkey.subarray(1) : pubkey;
  const view = new DataView(key.buffer, key.byteOffset, 32);
  let space = 0n;
  for (let i = 0; i < 4; i++) space ^= view.getBigUint64(i * 8, false);
  return space;
}
