/**
 * The messenger SDK in one call:
 *
 *   const client = await createClient({ dataDir: './bot', network: 'devnet.json' });
 *   client.on('message', (m) => console.log(m.author, m.text));
 *   await client.send(sessionId, 'hello');
 *   await client.close();
 *
 * It opens the account (key store) and the local database, starts the network layer (node list,
 * onion paths, network time), the receive loop (long-poll of our swarm), the disappearing timer
 * and the typing tracker, and wires the actions to them. `close()` stops all of it.
 */
import { join } from 'node:path';
import { createOnionClient } from '../onion-client.ts';
import { systemClock } from '../runtime/clock.ts';
import { systemRandom } from '../runtime/random.ts';
import { startPathProbe } from './path-probe.ts';
import { silentClientLogger } from '../runtime/logger.ts';
import { makeDirs } from '../runtime/make-dir.ts';
import type { ApplyContext } from './apply-context.ts';
import type { CreateClientOptions, HushClient } from './client-api.ts';
import { networkStatus, type PollState } from './client-status.ts';
import * as actions from './conversation-actions.ts';
import { checkDisplayName } from './content/content-checks.ts';
import { openMessengerDb } from './db/messenger-db.ts';
import { createEventHub } from './event-hub.ts';
import { createExpiryTimer } from './expiry-timer.ts';
import type { MessengerContext } from './messenger-context.ts';
import { MESSENGER_LIMITS } from './messenger-limits.ts';
import { openAccount } from './open-account.ts';
import { createOutbox } from './outbox.ts';
import { createOwnSwarmOps } from './own-swarm-ops.ts';
import { createPoller } from './poller.ts';
import { receiveMessages } from './receive-pipeline.ts';
import { acquireReceiveLock, type ReceiveLock } from './receive-lock.ts';
import { retrySend, sendText } from './send-text.ts';
import { createTypingTracker } from './typing-tracker.ts';

export const MESSENGER_DB_FILE = 'messenger.db';

export async function createClient(options: CreateClientOptions): Promise<HushClient> {
  const clock = options.clock ?? systemClock;
  const logger = options.logger ?? silentClientLogger;
  await makeDirs(options.dataDir, 0o700);
  const keys = await openAccount(options.dataDir, options.seed, options.createAccount === true);
  const receiving = options.receive !== false;
  const lock: ReceiveLock | null = receiving ? acquireReceiveLock(options.dataDir) : null;
  let db;
  try {
    db = openMessengerDb(join(options.dataDir, MESSENGER_DB_FILE), { self: keys.sessionId, now: () => clock.now() });
  } catch (err) {
    lock?.release();
    throw err;
  }
  const onion = createOnionClient({
    network: options.network,
    clock,
    logger,
    ...(options.random === undefined ? {} : { random: options.random }),
    ...(options.limits === undefined ? {} : { limits: options.limits }),
  });
  try {
    await onion.start();
  } catch (err) {
    db.close();
    lock?.release();
    throw err;
  }
  const events = createEventHub(logger);
  const expiry = createExpiryTimer({ db, events, clock });
  const typing = createTypingTracker({ events, clock, timeoutMs: MESSENGER_LIMITS.typingTimeoutMs });
  const outbox = createOutbox({ onion, clock, keys, attempts: MESSENGER_LIMITS.storeAttempts, retryDelayMs: MESSENGER_LIMITS.storeRetryDelayMs });
  const ownSwarm = createOwnSwarmOps(onion, keys);
  const ctx: MessengerContext = { keys, db, events, outbox, ownSwarm, expiry, clock, logger };
  const applyCtx: ApplyContext = {
    db,
    events,
    logger,
    ownId: keys.sessionId,
    now: () => clock.now(),
    deleteFromOwnSwarm: (hashes) => void ownSwarm.deleteHashes(hashes).catch((err: unknown) => logger.warn('own_swarm_delete_failed', { error: String(err) })),
    expiryChanged: () => expiry.reschedule(),
    typing: (id, on) => typing.set(id, on),
  };
  let poll: PollState = { longPolling: true, lastPollAt: null, lastError: null };
  const poller = createPoller({
    onion,
    keys,
    clock,
    logger,
    limits: MESSENGER_LIMITS,
    lastHash: () => db.getLastHash(0),
    setLastHash: (hash) => db.setLastHash(0, hash),
    receive: (messages) => receiveMessages(applyCtx, keys, messages),
    onState(state) {
      const changed = state.longPolling !== poll.longPolling || state.lastError?.code !== poll.lastError?.code;
      poll = state;
      if (changed) events.emit('status', networkStatus(onion, keys.sessionId, poll));
    },
  });
  const cancelSweep = sweepSeenEvery(clock, () => db.sweepSeen(clock.now()));
  const stopProbe = startPathProbe({
    onion,
    clock,
    random: options.random ?? systemRandom,
    intervalMs: MESSENGER_LIMITS.pathProbeIntervalMs,
    probes: MESSENGER_LIMITS.pathProbes,
    hopCheckMs: MESSENGER_LIMITS.hopProbeCheckMs,
    hopPaths: MESSENGER_LIMITS.hopProbePaths,
    hopFirstRounds: MESSENGER_LIMITS.hopProbeFirstRounds,
  });
  expiry.reschedule();
  if (receiving) poller.start();
  let closed = false;

  return {
    sessionId: keys.sessionId,
    send: (to, text, o) => sendText(ctx, to, text, o?.signal),
    retry: (id, o) => retrySend(ctx, id, o?.signal),
    on: (event, handler) => events.on(event, handler),
    off: (event, handler) => events.off(event, handler),
    conversations: () => db.listConversations('accepted'),
    requests: () => db.listConversations('request'),
    conversation: (id) => (typeof id === 'string' ? db.getConversation(id.toLowerCase()) : null),
    messages: (id, o) => db.listMessages(id, o),
    contacts: () => db.listContacts(),
    acceptRequest: (id, o) => actions.acceptRequest(ctx, id, o?.signal),
    declineRequest: async (id) => actions.declineRequest(ctx, id),
    markRead: (id, o) => actions.markRead(ctx, id, o?.signal),
    setTyping: (id, on, o) => actions.setTyping(ctx, id, on, o?.signal),
    setDisappearing: (id, setting, o) => actions.setDisappearing(ctx, id, setting, o?.signal),
    unsend: (id, o) => actions.unsend(ctx, id, o?.signal),
    displayName: () => db.ownDisplayName(),
    async setDisplayName(name) {
      db.setOwnDisplayName(checkDisplayName(name));
    },
    settings: () => db.settings(),
    updateSettings: async (s) => db.updateSettings(s),
    status: () => networkStatus(onion, keys.sessionId, poll),
    syncNow: (o) => poller.pollOnce(o?.signal),
    async close() {
      if (closed) return;
      closed = true;
      await poller.stop();
      cancelSweep();
      stopProbe();
      expiry.stop();
      typing.stop();
      events.clear();
      await onion.stop();
      db.close();
      lock?.release();
    },
  };
}

function sweepSeenEvery(clock: typeof systemClock, sweep: () => void): () => void {
  let cancel = (): void => undefined;
  const tick = (): void => {
    sweep();
    cancel = clock.setTimer(MESSENGER_LIMITS.seenSweepIntervalMs, tick);
  };
  cancel = clock.setTimer(MESSENGER_LIMITS.seenSweepIntervalMs, tick);
  return () => cancel();
}
