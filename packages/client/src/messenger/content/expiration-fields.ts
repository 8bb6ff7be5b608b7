/**
 * Disappearing settings ⇄ the Content fields that carry them (spec client §10):
 * `expirationType` (UNKNOWN 0, DELETE_AFTER_READ 1, DELETE_AFTER_SEND 2) + `expirationTimer` (s).
 *
 * Outgoing 'off' is written as expirationType UNKNOWN(0) + expirationTimer 0, both on the wire:
 * that is what session-desktop sends (`ExpirableMessage.addDisappearingContentProto`, fed 'unknown'
 * for 'off' by `DisappearingMessages.changeToDisappearingMessageType`).
 *
 * Incoming, as desktop reads them (`changeToDisappearingConversationMode`): UNKNOWN or a zero
 * timer → off; DELETE_AFTER_SEND → after-send; any other type with a timer → after-read (so a
 * future type degrades to the setting that keeps messages longest). When neither Content field is
 * present the legacy `DataMessage.expireTimer` of old clients is read as after-send. Note-to-self
 * is after-send only (desktop: `convo.isMe()` → deleteAfterSend). A timer above
 * MAX_DISAPPEARING_SECONDS is refused; other non-zero values are honoured as sent.
 */
import { ExpirationType } from '@hush/core';
import type { ContentMessage } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';
import { MAX_DISAPPEARING_SECONDS } from './content-limits.ts';
import { ignored } from './incoming-item.ts';
import type { IncomingIgnored } from './incoming-item.ts';

export const DISAPPEARING_OFF: DisappearingSetting = Object.freeze({ mode: 'off', seconds: 0 });

export interface ExpirationFields {
  readonly expirationType: number;
  readonly expirationTimer: number;
}

/** The Content fields for a (checked) setting. */
export function expirationFieldsFor(setting: DisappearingSetting): ExpirationFields {
  switch (setting.mode) {
    case 'after-send':
      return { expirationType: ExpirationType.DELETE_AFTER_SEND, expirationTimer: setting.seconds };
    case 'after-read':
      return { expirationType: ExpirationType.DELETE_AFTER_READ, expirationTimer: setting.seconds };
    case 'off':
      return { expirationType: ExpirationType.UNKNOWN, expirationTimer: 0 };
  }
}

function fromFields(type: number, seconds: number, noteToSelf: boolean): DisappearingSetting {
  if (type === ExpirationType.UNKNOWN || seconds === 0) return DISAPPEARING_OFF;
  if (type === ExpirationType.DELETE_AFTER_SEND || noteToSelf) return { mode: 'after-send', seconds };
  return { mode: 'after-read', seconds };
}

/** The setting an incoming Content carries, or why it is refused. */
export function incomingDisappearing(content: ContentMessage, noteToSelf: boolean): DisappearingSetting | IncomingIgnored {
  const { expirationType, expirationTimer } = content;
  const modern = expirationType !== undefined || expirationTimer !== undefined;
  const seconds = modern ? (expirationTimer ?? 0) : (content.dataMessage?.expireTimer ?? 0);
  if (seconds > MAX_DISAPPEARING_SECONDS) return ignored(`disappearing timer ${seconds} s exceeds ${MAX_DISAPPEARING_SECONDS} s`);
  if (!modern) return seconds === 0 ? DISAPPEARING_OFF : { mode: 'after-send', seconds };
  return fromFields(expirationType ?? ExpirationType.UNKNOWN, seconds, noteToSelf);
}
