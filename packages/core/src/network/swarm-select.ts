/**
 * Account → swarm mapping (session-network.md §6.2; SS `swarm.cpp get_swarm_by_pk`, LSU
 * `Network::get_swarm`): the swarm whose id is closest to the account's swarm space on the 2^64
 * ring. With ids sorted, `right` is the first id >= space (wrapping to the first), `left` its
 * predecessor (wrapping to the last); `right` wins only when strictly closer, so ties go left.
 */
import { HushError } from '../errors.ts';
import { swarmSpace } from './swarm-space.ts';

const U64_MAX = (1n << 64n) - 1n;
/** oxend's id for decommissioned / unassigned nodes: not a swarm. */
export const INVALID_SWARM_ID = U64_MAX;

function checkId(id: unknown, field: string): bigint {
  if (typeof id !== 'bigint' || id < 0n || id > U64_MAX) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: expected a u64 bigint`, { details: { field } });
  }
  return id;
}

/**
 * Picks the swarm for swarm-space value `space`. Ids equal to INVALID_SWARM_ID are ignored (the
 * storage server only considers valid swarms); duplicates are harmless. Throws HUSH_ERR_NO_SWARMS
 * when no swarm is left.
 */
export function selectSwarm(space: bigint, swarmIds: readonly bigint[]): bigint {
  const v = checkId(space, 'space');
  const ids = [...new Set(swarmIds.map((id, i) => checkId(id, `swarmIds[${i}]`)))]
    .filter((id) => id !== INVALID_SWARM_ID)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (ids.length === 0) throw new HushError('HUSH_ERR_NO_SWARMS', 'no swarms to choose from', { details: { field: 'swarmIds' } });
  if (ids.length === 1) return ids[0]!;
  let r = ids.findIndex((id) => id >= v);
  if (r === -1) r = 0;
  const right = ids[r]!;
  const left = ids[(r + ids.length - 1) % ids.length]!;
  const dRight = (right - v) & U64_MAX;
  const dLeft = (v - left) & U64_MAX;
  return dRight < dLeft ? right : left;
}

/** The swarm of an account: `pubkey` is the 33-byte prefixed key (or the bare 32 bytes). */
export function swarmForPubkey(pubkey: Uint8Array, swarmIds: readonly bigint[]): bigint {
  return selectSwarm(swarmSpace(pubkey), swarmIds);
}

/**
 * A swarm id as 16 lower-case hex digits, zero-padded (the form our nodes put in `get_swarm` and
 * 421 bodies). Note: SS 2.8.0 writes it unpadded (`int_to_string(id, 16)`); parseSwarmId accepts both.
 */
export function formatSwarmId(id: bigint): string {
  return checkId(id, 'swarm id').toString(16).padStart(16, '0');
}

/** Parses 1–16 hex digits (padded or not, either case) into a u64 bigint. Throws HUSH_ERR_BAD_HEX. */
export function parseSwarmId(value: unknown, field = 'swarm'): bigint {
  if (typeof value !== 'string' || !/^[0-9a-fA-F]{1,16}$/.test(value)) {
    throw new HushError('HUSH_ERR_BAD_HEX', `${field}: expected a swarm id of 1 to 16 hex digits`, { details: { field } });
  }
  return BigInt(`0x${value}`);
}
