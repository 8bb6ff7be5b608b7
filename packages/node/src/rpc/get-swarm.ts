/**
 * get_swarm, alias get_snodes_for_pubkey (session-network.md §3.4): the swarm that owns an
 * account, no authentication. `port` is a string (deprecated), `swarm` hex.
 */
import type { Account } from './account.ts';
import { loadAccount } from './auth-params.ts';
import { swarmJson, withMisc } from './common.ts';
import { defineMethod } from './method.ts';
import { exactlyOneOf, optString, type Params } from './params.ts';
import { ok } from './response.ts';

export function parseGetSwarm(p: Params): Account {
  const pk = exactlyOneOf('pubkey', optString(p, 'pubkey'), 'pubKey', optString(p, 'pubKey'), true);
  return loadAccount(pk, 'Pubkey must be 66 hex digits/33 bytes long');
}

export const getSwarmMethod = defineMethod({
  names: ['get_swarm', 'get_snodes_for_pubkey'],
  recursive: false,
  parse: parseGetSwarm,
  handle: async (ctx, account) => ok(withMisc(ctx, swarmJson(ctx.swarm.swarmFor(account.bytes)))),
});
