/** The storage RPC method table (session-network.md §3.0), by every accepted name. */
import { batchMethod, sequenceMethod } from './batch.ts';
import { deleteAllMethod } from './delete-all.ts';
import { deleteBeforeMethod } from './delete-before.ts';
import { deleteMethod } from './delete.ts';
import { expireAllMethod } from './expire-all.ts';
import { expireMethod } from './expire.ts';
import { getExpiriesMethod } from './get-expiries.ts';
import { getSwarmMethod } from './get-swarm.ts';
import { ifElseMethod } from './ifelse.ts';
import { infoMethod } from './info.ts';
import type { AnyMethod } from './method.ts';
import { oxendRequestMethod } from './oxend-request.ts';
import { retrieveMethod } from './retrieve.ts';
import { revokeSubaccountMethod, unrevokeSubaccountMethod } from './revoke-subaccount.ts';
import { storeMethod } from './store.ts';

const ALL: readonly AnyMethod[] = [
  storeMethod,
  retrieveMethod,
  deleteMethod,
  deleteAllMethod,
  deleteBeforeMethod,
  expireMethod,
  expireAllMethod,
  getExpiriesMethod,
  getSwarmMethod,
  oxendRequestMethod,
  infoMethod,
  revokeSubaccountMethod,
  unrevokeSubaccountMethod,
  batchMethod,
  sequenceMethod,
  ifElseMethod,
];

const TABLE: ReadonlyMap<string, AnyMethod> = new Map(ALL.flatMap((m) => m.names.map((n) => [n, m] as const)));

export function lookupMethod(name: string): AnyMethod | undefined {
  return TABLE.get(name);
}

export function methodNames(): string[] {
  return [...TABLE.keys()];
}
