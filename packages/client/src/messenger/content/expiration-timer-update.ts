/**
 * A change of a conversation's disappearing-messages setting (desktop
 * `ExpirationTimerUpdateMessage`, spec client §10): DataMessage{flags = EXPIRATION_TIMER_UPDATE,
 * syncTarget?} plus the Content fields `expirationType` / `expirationTimer`.
 *
 * Turning it off sends expirationType UNKNOWN(0) and expirationTimer 0, both present on the wire,
 * as desktop does (`ExpirableMessage.addDisappearingContentProto` writes the timer whenever it is
 * ≥ 0, and `DisappearingMessages.changeToDisappearingMessageType` maps 'off' to 'unknown' "because
 * of an issue with the protobuf implementation we need to have a value"). The legacy
 * `DataMessage.expireTimer` is not sent (desktop stopped sending it; receivers read the Content).
 */
import { DataMessageFlags } from '@hush/core';
import type { ContentMessage, DataMessage } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';
import { contentBase, syncTargetOf } from './outgoing-parts.ts';

export interface ExpirationTimerUpdateParams {
  readonly sentAt: number;
  /** The new setting (checked with `checkDisappearing`). */
  readonly disappearing: DisappearingSetting;
  /** Set only on the sync copy to our own swarm: the peer's 05 id. */
  readonly syncTarget?: string;
}

export function expirationTimerUpdateContent(params: ExpirationTimerUpdateParams): ContentMessage {
  const base = contentBase(params.sentAt, params.disappearing ?? null);
  const syncTarget = syncTargetOf(params.syncTarget);
  const dataMessage: DataMessage = {
    flags: DataMessageFlags.EXPIRATION_TIMER_UPDATE,
    ...(syncTarget === undefined ? {} : { syncTarget }),
  };
  return { ...base, dataMessage };
}
