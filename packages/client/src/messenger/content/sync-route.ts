/**
 * Which conversation an incoming DataMessage belongs to (spec client §3.5; desktop
 * `handleSwarmDataMessage`):
 * - from a peer → the peer's conversation, incoming; a `syncTarget` on it is disregarded (desktop
 *   drops such a message instead; Hush keeps it in the sender's conversation, where it can do no
 *   harm, since only our own devices can write into another conversation);
 * - from ourselves with a syncTarget → a copy of what another of our devices sent to that
 *   conversation, outgoing; a syncTarget that is not a usable 05 id (a group's 03 id, junk) is
 *   refused;
 * - from ourselves without one (or with our own id) → note-to-self, outgoing.
 */
import { parseUserSessionId } from '@hush/core';
import { ignored } from './incoming-item.ts';
import type { IncomingIgnored } from './incoming-item.ts';

export interface MessageRoute {
  readonly conversationId: string;
  readonly outgoing: boolean;
  readonly noteToSelf: boolean;
}

function parsedTarget(syncTarget: string): string | null {
  try {
    return parseUserSessionId(syncTarget, 'syncTarget');
  } catch {
    return null;
  }
}

export function routeOf(sender: string, ownSessionId: string, syncTarget: string | undefined): MessageRoute | IncomingIgnored {
  if (sender !== ownSessionId) return { conversationId: sender, outgoing: false, noteToSelf: false };
  if (syncTarget === undefined || syncTarget === '') return { conversationId: ownSessionId, outgoing: true, noteToSelf: true };
  const target = parsedTarget(syncTarget);
  if (target === null) return ignored('sync copy whose syncTarget is not a 05 Session ID');
  return { conversationId: target, outgoing: true, noteToSelf: target === ownSessionId };
}
