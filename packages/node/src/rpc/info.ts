/**
 * info (session-network.md §3.3): `{"version": [2,8,0], "timestamp", "t", "hf"}`. The version is
 * the Session storage-server version whose RPC the node implements (clients compare it).
 */
import { withMisc } from './common.ts';
import { defineMethod } from './method.ts';
import { ok } from './response.ts';

export const STORAGE_SERVER_VERSION: readonly [number, number, number] = [2, 8, 0];

export const infoMethod = defineMethod({
  names: ['info'],
  recursive: false,
  parse: () => null,
  handle: async (ctx) => {
    const now = ctx.clock();
    return ok(withMisc(ctx, { version: [...STORAGE_SERVER_VERSION], timestamp: now }, now));
  },
});
