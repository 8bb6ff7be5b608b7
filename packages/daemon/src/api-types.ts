/**
 * The daemon's own JSON shapes (account state, onboarding answers). Plain types with no imports, so
 * the web app can share them; the messenger's shapes (Conversation, ChatMessage, ...) come from
 * @hush/client's messenger-types.ts and are sent as they are.
 */

/** `{ error: ApiErrorBody }` is the body of every failed API request. */
export interface ApiErrorBody {
  /** A stable HUSH_ERR_* code. */
  readonly code: string;
  /** What went wrong, for people. */
  readonly message: string;
}

/** Where this daemon's account stands. */
export type AccountState =
  /** No account in the data directory yet: onboarding. */
  | { readonly status: 'none' }
  /** The account exists; the client is connecting (first start, or again after a failure). */
  | { readonly status: 'starting'; readonly sessionId: string; readonly phraseSaved: boolean }
  | { readonly status: 'ready'; readonly sessionId: string; readonly phraseSaved: boolean }
  /** The client could not start; it is tried again at `retryAt` (ms) or when asked. */
  | {
      readonly status: 'failed';
      readonly sessionId: string;
      readonly phraseSaved: boolean;
      readonly error: ApiErrorBody;
      readonly retryAt: number | null;
    };

export type AccountStatus = AccountState['status'];

/** The answer to POST /api/account/create. */
export interface CreatedAccount {
  readonly sessionId: string;
  readonly recoveryPhrase: string;
  readonly account: AccountState;
}

/** The answer to POST /api/session-ids/check: whether a typed Session ID can be messaged. */
export type SessionIdCheck =
  | { readonly valid: true; readonly sessionId: string; readonly self: boolean }
  | { readonly valid: false; readonly error: ApiErrorBody };

/** GET /api/profile. */
export interface Profile {
  readonly sessionId: string;
  readonly displayName: string | null;
}

/** What the WebSocket sends besides the client's events. */
export interface DaemonHello {
  readonly account: AccountState;
}
