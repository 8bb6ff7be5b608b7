/**
 * The shapes the daemon sends: the messenger's own types from @hush/client (plain data, sent as
 * they are) and the daemon's account/onboarding types. Type-only imports: nothing of those packages
 * reaches the browser bundle.
 */
import type {
  ChatMessage,
  ClientEvents,
  ClientSettings,
  Conversation,
  DisappearingMode,
  DisappearingSetting,
  NetworkStatus,
} from '../../../../packages/client/src/messenger/messenger-types.ts';
import type { AccountState, ApiErrorBody, CreatedAccount, DaemonHello, Profile, SessionIdCheck } from '../../../../packages/daemon/src/api-types.ts';

export type { AccountState, ApiErrorBody, ChatMessage, ClientSettings, Conversation, CreatedAccount, DisappearingMode, DisappearingSetting, NetworkStatus, Profile, SessionIdCheck };

export interface ConversationLists {
  readonly conversations: Conversation[];
  readonly requests: Conversation[];
}

export interface MessagesPage {
  readonly messages: ChatMessage[];
  readonly hasMore: boolean;
}

export interface ConversationAnswer {
  readonly conversation: Conversation | null;
}

type ClientEvent = { [K in keyof ClientEvents]: { readonly type: K; readonly data: ClientEvents[K] } }[keyof ClientEvents];

/** What arrives on /api/events. */
export type DaemonEvent = ClientEvent | { readonly type: 'account'; readonly data: AccountState } | { readonly type: 'hello'; readonly data: DaemonHello };
