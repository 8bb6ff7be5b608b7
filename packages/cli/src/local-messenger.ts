/**
 * An account's messenger database without the network: what `hush chats` & co. show when no node
 * answers (with a warning). Same file and same rules as the client (createClient opens it the
 * same way); messages whose disappearing timer has run out are left out, as the client would have
 * deleted them.
 */
import { join } from 'node:path';
import { HushError } from '@hush/core';
import { MESSENGER_DB_FILE, checkDisplayName, openMessengerDb } from '@hush/client';
import type { ChatMessage } from '@hush/client';
import type { MessengerView } from './messenger-view.ts';

export interface LocalMessenger extends MessengerView {
  close(): void;
}

function notFound(id: string): HushError {
  return new HushError('HUSH_ERR_NOT_FOUND', `no conversation with ${id.slice(0, 12)}…`, { details: { field: 'conversationId' } });
}

export function openLocalMessenger(dataDir: string, sessionId: string, now: () => number = Date.now): LocalMessenger {
  const db = openMessengerDb(join(dataDir, MESSENGER_DB_FILE), { self: sessionId, now });
  const live = (m: ChatMessage): boolean => m.expiresAt === null || m.expiresAt > now();
  return {
    sessionId,
    conversations: () => db.listConversations('accepted'),
    requests: () => db.listConversations('request'),
    conversation: (id) => db.getConversation(id.toLowerCase()),
    messages: (id, options) => db.listMessages(id, options).filter(live),
    contacts: () => db.listContacts(),
    displayName: () => db.ownDisplayName(),
    setDisplayName: async (name) => db.setOwnDisplayName(checkDisplayName(name)),
    async declineRequest(id) {
      const conversation = db.getConversation(id.toLowerCase());
      if (conversation === null) throw notFound(id);
      db.setConversationState(conversation.id, 'declined');
    },
    close: () => db.close(),
  };
}
