/**
 * Classifies a Content's DataMessage (desktop `handleSwarmDataMessage`): a disappearing-setting
 * change (flags EXPIRATION_TIMER_UPDATE) or a visible text message. Group control messages,
 * reactions and messages without text (attachments only, community invitations) are ignored;
 * quotes, previews and attachments that come with text are dropped and the text kept.
 */
import { DataMessageFlags } from '@hush/core';
import type { DataMessage } from '@hush/core';
import type { DisappearingSetting } from '../messenger-types.ts';
import { incomingDisappearing } from './expiration-fields.ts';
import { incomingDisplayName, incomingText } from './incoming-fields.ts';
import { ignored, isIgnored } from './incoming-item.ts';
import type { ClassifyContentInput, IncomingItem } from './incoming-item.ts';
import { routeOf } from './sync-route.ts';
import type { MessageRoute } from './sync-route.ts';

function groupReason(dm: DataMessage): string | null {
  if (dm.groupUpdateMessage !== undefined) return 'group update message (groups are not supported)';
  if (dm.closedGroupControlMessage !== undefined) return 'legacy closed-group control message';
  return null;
}

function isTimerUpdate(dm: DataMessage): boolean {
  return ((dm.flags ?? 0) & DataMessageFlags.EXPIRATION_TIMER_UPDATE) !== 0;
}

function textItem(input: ClassifyContentInput, dm: DataMessage, route: MessageRoute, disappearing: DisappearingSetting): IncomingItem {
  if (dm.reaction !== undefined) return ignored('reaction (unsupported)');
  const text = incomingText(dm.body, dm.attachments !== undefined);
  if (isIgnored(text)) return text;
  return {
    kind: 'text',
    conversationId: route.conversationId,
    author: input.sender,
    sentAt: input.envelopeTimestamp,
    text,
    displayName: incomingDisplayName(dm.profile),
    disappearing,
    outgoing: route.outgoing,
  };
}

export function classifyDataMessage(input: ClassifyContentInput, dm: DataMessage): IncomingItem {
  const group = groupReason(dm);
  if (group !== null) return ignored(group);
  const route = routeOf(input.sender, input.ownSessionId, dm.syncTarget);
  if (isIgnored(route)) return route;
  const disappearing = incomingDisappearing(input.content, route.noteToSelf);
  if (isIgnored(disappearing)) return disappearing;
  if (!isTimerUpdate(dm)) return textItem(input, dm, route, disappearing);
  return {
    kind: 'timer-update',
    conversationId: route.conversationId,
    author: input.sender,
    sentAt: input.envelopeTimestamp,
    disappearing,
    outgoing: route.outgoing,
  };
}
