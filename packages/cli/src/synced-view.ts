/**
 * The reading commands sync first, then read: the client is opened with its receive loop off, one
 * `syncNow()` runs (bounded by SYNC_TIMEOUT_MS), and the command reads the database. When the
 * network is missing or does not answer, the command still shows what this device has, after one
 * warning line on stderr.
 */
import { isHushError } from '@hush/core';
import type { HushClient } from '@hush/client';
import type { CommandContext } from './context.ts';
import { describeError } from './describe-error.ts';
import { SYNC_TIMEOUT_MS } from './limits.ts';
import { openLocalMessenger } from './local-messenger.ts';
import { cancelledError, connect, openAccountPlace, withStopSignal } from './messenger-session.ts';
import type { AccountPlace } from './messenger-session.ts';
import type { MessengerView } from './messenger-view.ts';
import { resolveNetwork } from './network-option.ts';

const LOCAL_ONLY = 'showing what this device already has';

/** The connected client, or undefined (after a warning) when the network is missing or silent. */
async function tryConnect(ctx: CommandContext, place: AccountPlace): Promise<HushClient | undefined> {
  try {
    return await connect(place, await resolveNetwork(ctx), false);
  } catch (err) {
    if (!isHushError(err, 'HUSH_ERR_NOT_RUNNING')) throw err;
    ctx.out.warn(`${err.message}; ${LOCAL_ONLY}`);
    return undefined;
  }
}

/** One syncNow() bounded by SYNC_TIMEOUT_MS; a failure is a warning (Ctrl-C: HUSH_ERR_CANCELLED). */
export async function syncBeforeReading(ctx: CommandContext, client: HushClient, signal: AbortSignal, stopRequested: () => boolean): Promise<void> {
  try {
    await client.syncNow({ signal: AbortSignal.any([signal, AbortSignal.timeout(SYNC_TIMEOUT_MS)]) });
  } catch (err) {
    if (stopRequested()) throw cancelledError();
    ctx.out.warn(`could not fetch new messages (${describeError(err).message}); ${LOCAL_ONLY}`);
  }
}

/** Runs `fn` on the synced client, or on the local database when the network does not answer. */
export async function withSyncedView<T>(ctx: CommandContext, fn: (view: MessengerView, client: HushClient | undefined) => Promise<T>): Promise<T> {
  const place = await openAccountPlace(ctx);
  return withStopSignal(ctx, async (signal, stopRequested) => {
    const client = await tryConnect(ctx, place);
    if (client === undefined) {
      const local = openLocalMessenger(place.dataDir, place.sessionId);
      try {
        return await fn(local, undefined);
      } finally {
        local.close();
      }
    }
    try {
      await syncBeforeReading(ctx, client, signal, stopRequested);
      return await fn(client, client);
    } finally {
      await client.close();
    }
  });
}
