/**
 * Swarm TTL (ms) of each outgoing message kind (spec client §5.2; session-desktop
 * `ts/session/constants.ts` TTL_DEFAULT, `ExpirableMessage.ttlForExpirationType`,
 * `MessageSender` sync override):
 * - typing indicators: 20 s;
 * - read receipts, unsend requests and message-request responses: 14 days (desktop gives them
 *   the ContentMessage default, `TTL_DEFAULT.CONTENT_MESSAGE`; spec §10's "unsend messages are
 *   never expiring" is about the disappearing fields, not the TTL);
 * - visible messages and timer updates: after-send → the timer; after-read → 14 days, except the
 *   sync copy to our own swarm, which desktop stores with the timer; off → 14 days.
 * A timer shorter than the storage server's minimum TTL (core TTL_MIN_MS, 10 s) is raised to it
 * (a 5 s after-send message would otherwise be refused); the client deletes it when its timer runs.
 */
import { TTL_MIN_MS } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';
import { checkDisappearing } from './content-checks.ts';
import { CONTENT_TTL_MS, TYPING_TTL_MS } from './content-limits.ts';

export type OutgoingContentKind = 'visible' | 'timer-update' | 'read-receipt' | 'typing' | 'unsend' | 'request-response';

export interface TtlOptions {
  /** True for the sync copy stored in our own swarm. */
  readonly syncCopy?: boolean;
}

function timerTtl(seconds: number): number {
  return Math.max(TTL_MIN_MS, seconds * 1000);
}

function expirableTtl(setting: DisappearingSetting, syncCopy: boolean): number {
  if (setting.mode === 'after-send') return timerTtl(setting.seconds);
  if (setting.mode === 'after-read' && syncCopy) return timerTtl(setting.seconds);
  return CONTENT_TTL_MS;
}

/** TTL in ms for a message of `kind` sent in a conversation with `disappearing` (default off). */
export function ttlFor(kind: OutgoingContentKind, disappearing?: DisappearingSetting, options: TtlOptions = {}): number {
  switch (kind) {
    case 'typing':
      return TYPING_TTL_MS;
    case 'read-receipt':
    case 'unsend':
    case 'request-response':
      return CONTENT_TTL_MS;
    case 'visible':
    case 'timer-update':
      if (disappearing === undefined) return CONTENT_TTL_MS;
      return expirableTtl(checkDisappearing(disappearing), options.syncCopy === true);
  }
}
