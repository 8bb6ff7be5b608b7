/**
 * A visible text message (desktop `VisibleMessage`, spec client §3.5, §10): DataMessage{body,
 * profile?, syncTarget?} with sigTimestamp = sentAt, which is also the envelope timestamp the
 * caller passes to `encodeFor1o1`. The sync copy stored in our own swarm is the same message with
 * `syncTarget` = the recipient. Attachments, quotes, previews and reactions are not built here.
 */
import type { ContentMessage, DataMessage } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';
import { checkText } from './content-checks.ts';
import { contentBase, lokiProfile, syncTargetOf } from './outgoing-parts.ts';
import type { OutgoingProfile } from './outgoing-parts.ts';

export interface VisibleMessageParams {
  /** Network time at creation (ms): sigTimestamp and envelope timestamp. */
  readonly sentAt: number;
  /** Checked with `checkText` (non-blank, ≤ 2 000 code points). */
  readonly text: string;
  readonly profile?: OutgoingProfile;
  /** The conversation's setting; the expiration fields are written when given ('off' as UNKNOWN/0). */
  readonly disappearing?: DisappearingSetting;
  /** Set only on the sync copy to our own swarm: the recipient's 05 id. */
  readonly syncTarget?: string;
}

export function visibleMessageContent(params: VisibleMessageParams): ContentMessage {
  const base = contentBase(params.sentAt, params.disappearing);
  const profile = lokiProfile(params.profile);
  const syncTarget = syncTargetOf(params.syncTarget);
  const dataMessage: DataMessage = {
    body: checkText(params.text),
    ...(profile === undefined ? {} : { profile }),
    ...(syncTarget === undefined ? {} : { syncTarget }),
  };
  return { ...base, dataMessage };
}
