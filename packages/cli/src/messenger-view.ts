/**
 * What the reading commands (`chats`, `chat`, `requests`, `contacts`, `profile`) need from an
 * account's messenger: the connected client, or — when the network does not answer — the same
 * calls on this device's database alone (local-messenger.ts).
 */
import type { HushClient } from '@hush/client';

export type MessengerView = Pick<
  HushClient,
  'sessionId' | 'conversations' | 'requests' | 'conversation' | 'messages' | 'contacts' | 'displayName' | 'setDisplayName' | 'declineRequest'
>;
