/**
 * Verifiable delivery: a store reply lists each swarm member's result under `swarm`
 * (session-network.md §3.1, §6.4): `{hash, signature}` signed by that member's Ed25519 key over
 * the hash. Only members of the swarm we computed from the node list count, only with the hash
 * we computed ourselves, and only when the signature verifies — a lying node cannot inflate it.
 */
import { fromBase64, storeResultSignedString, verifyDetached, fromHex } from '@hush/core';
import type { Swarm } from '../swarm/swarm-resolver.ts';
import { isPlainObject } from '../runtime/json.ts';

function signedBy(result: unknown, hash: string, ed25519Hex: string): boolean {
  if (!isPlainObject(result) || result['hash'] !== hash || typeof result['signature'] !== 'string') return false;
  try {
    const sig = fromBase64(result['signature'], 'signature');
    return sig.length === 64 && verifyDetached(sig, storeResultSignedString(hash), fromHex(ed25519Hex, 'member', 32));
  } catch {
    return false;
  }
}

/** How many members of `swarm` signed that they stored `hash`. */
export function countStoreReceipts(reply: unknown, hash: string, swarm: Swarm): number {
  if (!isPlainObject(reply) || !isPlainObject(reply['swarm'])) return 0;
  const results = reply['swarm'];
  let count = 0;
  for (const member of swarm.members) {
    if (Object.hasOwn(results, member.ed25519) && signedBy(results[member.ed25519], hash, member.ed25519)) count += 1;
  }
  return count;
}
