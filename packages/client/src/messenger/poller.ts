/**
 * The receive loop: retrieves namespace 0 of our own swarm through an onion path, from the last
 * hash seen, and hands new messages to the pipeline. Against Hush nodes each retrieve long-polls
 * (`long_poll_ms`), so a message reaches us as soon as any swarm member stores it. Every retrieve
 * asks for it (nodes ignore parameters they do not know); a node that answers an empty retrieve at
 * once did not wait (a Session node, or a Hush node at its waiter limit), so the next one comes
 * after `pollIntervalMs`. Errors back off; the loop runs until `stop()`.
 */
import { HushError, retrieveSignedString, type AccountKeys } from '@hush/core';
import type { OnionClient } from '../onion-client.ts';
import type { Clock } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { MessengerLimits } from './messenger-limits.ts';
import { signedFields } from './signed-params.ts';
import { parseSwarmPage, type SwarmMessage } from './swarm-page.ts';

export interface PollerDeps {
  readonly onion: OnionClient;
  readonly keys: AccountKeys;
  readonly clock: Clock;
  readonly logger: ClientLogger;
  readonly limits: MessengerLimits;
  readonly lastHash: () => string | null;
  readonly setLastHash: (hash: string) => void;
  /** Handles one page of messages; resolves with how many were new. */
  readonly receive: (messages: readonly SwarmMessage[]) => number;
  readonly onState: (state: { longPolling: boolean; lastPollAt: number | null; lastError: { code: string; message: string } | null }) => void;
}

export interface Poller {
  start(): void;
  stop(): Promise<void>;
  /** One retrieve round now (all pages, no waiting); resolves with the number of new messages. */
  pollOnce(signal?: AbortSignal): Promise<number>;
}

const NAMESPACE = 0;
const MAX_DATA_BYTES = 76_800;

export function createPoller(deps: PollerDeps): Poller {
  const { onion, keys, clock, limits } = deps;
  const stopper = new AbortController();
  let loop: Promise<void> | null = null;
  let longPolling = true;
  let quickEmpties = 0;
  let lastPollAt: number | null = null;

  async function page(waitMs: number, signal: AbortSignal): Promise<{ fresh: number; retrieved: number; more: boolean }> {
    const timestamp = onion.networkTime.now();
    const lastHash = deps.lastHash();
    const params = {
      ...signedFields(keys, retrieveSignedString({ namespace: NAMESPACE, timestamp })),
      namespace: NAMESPACE,
      timestamp,
      last_hash: lastHash ?? '',
      max_count: limits.retrieveMaxCount,
      ...(waitMs > 0 ? { long_poll_ms: waitMs } : {}),
    };
    const options = { signal, ...(waitMs > 0 ? { untimed: true, timeoutMs: waitMs + 15_000 } : {}) };
    const { reply } = await onion.requestSwarm(keys.sessionId, { method: 'retrieve', params }, options);
    if (reply.status !== 200) {
      throw new HushError('HUSH_ERR_RPC_FAILED', `retrieve: node answered ${reply.status} ${reply.body.slice(0, 200)}`, { details: { status: reply.status } });
    }
    const parsed = parseSwarmPage(reply.json, limits.retrieveMaxCount * 4, MAX_DATA_BYTES);
    if (parsed === null) throw new HushError('HUSH_ERR_BAD_JSON', 'retrieve: reply is not {messages: [...]}', { details: { field: 'messages' } });
    if (parsed.malformed > 0) deps.logger.warn('retrieve_malformed_entries', { count: parsed.malformed });
    const fresh = deps.receive(parsed.messages);
    const last = parsed.messages.at(-1);
    if (last !== undefined) deps.setLastHash(last.hash);
    return { fresh, retrieved: parsed.messages.length, more: parsed.more && parsed.messages.length > 0 };
  }

  /** All pages from the last hash; `retrieved` counts what the swarm gave, `fresh` what was new to us. */
  async function round(waitMs: number, signal: AbortSignal): Promise<{ fresh: number; retrieved: number }> {
    let fresh = 0;
    let retrieved = 0;
    let wait = waitMs;
    for (;;) {
      const r = await page(wait, signal);
      fresh += r.fresh;
      retrieved += r.retrieved;
      if (!r.more) return { fresh, retrieved };
      wait = 0;
    }
  }

  async function run(): Promise<void> {
    let failures = 0;
    const signal = stopper.signal;
    while (!signal.aborted) {
      const began = clock.now();
      try {
        const { retrieved } = await round(limits.longPollMs, signal);
        failures = 0;
        // Only an empty answer says the node did not wait (messages already seen, e.g. our own
        // sync copies, are what a long-poll wakes up for too).
        const quickEmpty = retrieved === 0 && clock.now() - began < limits.longPollMinEmptyMs;
        quickEmpties = quickEmpty ? quickEmpties + 1 : 0;
        longPolling = quickEmpties < limits.quickEmptiesForPolling;
        lastPollAt = clock.now();
        deps.onState({ longPolling, lastPollAt, lastError: null });
        if (quickEmpty) await clock.sleep(limits.pollIntervalMs, signal);
      } catch (err) {
        if (signal.aborted) return;
        failures += 1;
        const e = err instanceof HushError ? err : new HushError('HUSH_ERR_NETWORK', String(err instanceof Error ? err.message : err));
        deps.logger.warn('poll_failed', { code: e.code, message: e.message });
        deps.onState({ longPolling, lastPollAt, lastError: { code: e.code, message: e.message } });
        const delay = Math.min(limits.pollErrorMaxDelayMs, limits.pollErrorDelayMs * 2 ** Math.min(failures - 1, 10));
        await clock.sleep(delay, signal).catch(() => undefined);
      }
    }
  }

  return {
    start() {
      loop ??= run();
    },
    async stop() {
      stopper.abort(new HushError('HUSH_ERR_CLOSED', 'client closed'));
      await loop;
    },
    pollOnce: async (signal) => (await round(0, signal ?? stopper.signal)).fresh,
  };
}
