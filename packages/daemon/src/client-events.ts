/** The events the daemon pushes on /api/events: the client's own, plus `account` and `hello`. */
import type { ClientEventName, ClientEvents } from '@hush/client';
import type { AccountState, DaemonHello } from './api-types.ts';

/** Every HushClient event, forwarded to the app as `{ type, data }`. */
export const CLIENT_EVENT_NAMES: readonly ClientEventName[] = Object.freeze(['message', 'message-updated', 'message-removed', 'conversation', 'typing', 'status']);

export type ClientEvent = { [K in ClientEventName]: { readonly type: K; readonly data: ClientEvents[K] } }[ClientEventName];

export type DaemonEvent =
  | ClientEvent
  /** The account state changed (created, connected, failed). */
  | { readonly type: 'account'; readonly data: AccountState }
  /** First frame on every socket: the app refreshes its state from the REST API on it. */
  | { readonly type: 'hello'; readonly data: DaemonHello };
