/**
 * Why a request sent over a hop link got no reply. `not_link_peer` means the peer's handshake did
 * not select hush-onion/1 (the request may go over HTTPS instead); every other kind ends as the
 * 504 "Request time out" a failed forward gets. A timeout is named "TimeoutError", as the peer
 * client's are.
 */
export type LinkFailure = 'timeout' | 'dropped' | 'busy' | 'malformed' | 'closed' | 'not_link_peer';

export class LinkError extends Error {
  constructor(
    readonly kind: LinkFailure,
    message: string,
  ) {
    super(message);
    this.name = kind === 'timeout' ? 'TimeoutError' : 'LinkError';
  }
}
