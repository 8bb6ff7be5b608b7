/**
 * The node's hop links, one per next-hop node (by Ed25519 key and address), and the peers known
 * not to speak the link: a peer whose handshake did not select hush-onion/1 (a Session node, an
 * older Hush node, one started with hopLinks off) is remembered as HTTP-only for `httpOnlyMs`,
 * during which `send` answers null at once and the caller forwards over HTTPS.
 */
import { LIMITS } from '../limits.ts';
import type { PeerAddress } from '../replication/peer-client.ts';
import { LinkError } from './hop-link-error.ts';
import type { FrameReply } from './hop-link-frame.ts';
import { createHopLink, type HopLink } from './hop-link.ts';

export interface HopLinkPoolOptions {
  /** Source address of outgoing connections. */
  readonly localAddress?: string;
  readonly maxInFlight?: number;
  readonly httpOnlyMs?: number;
  readonly idleMs?: number;
  readonly now?: () => number;
}

export interface HopLinkPool {
  /** The peer's reply over its link; null when the peer does not speak the link. Rejects with a LinkError. */
  send(peer: PeerAddress, wire: Uint8Array, timeoutMs: number): Promise<FrameReply | null>;
  /** Closes the links of peers not in `keep` (Ed25519 hex). */
  retain(keep: ReadonlySet<string>): void;
  /** Closes every link; requests in flight fail at once. */
  close(): void;
}

const addressOf = (peer: PeerAddress): string => `${peer.ip}:${peer.port}`;

export function createHopLinkPool(o: HopLinkPoolOptions = {}): HopLinkPool {
  const now = o.now ?? (() => performance.now());
  const links = new Map<string, { address: string; link: HopLink }>();
  /** `<ed25519>@<ip>:<port>` → until when it is forwarded to over HTTPS. */
  const httpOnly = new Map<string, number>();
  let closed = false;

  const linkFor = (peer: PeerAddress): HopLink => {
    const address = addressOf(peer);
    const existing = links.get(peer.ed25519Hex);
    if (existing !== undefined && existing.address === address) return existing.link;
    existing?.link.close();
    const link = createHopLink({
      ip: peer.ip,
      port: peer.port,
      maxInFlight: o.maxInFlight ?? LIMITS.hopLinkMaxInFlight,
      maxResponseBytes: LIMITS.hopLinkMaxResponseFrameBytes,
      idleMs: o.idleMs ?? LIMITS.hopLinkIdleMs,
      ...(o.localAddress === undefined ? {} : { localAddress: o.localAddress }),
    });
    links.set(peer.ed25519Hex, { address, link });
    return link;
  };

  const isHttpOnly = (key: string): boolean => {
    const until = httpOnly.get(key);
    if (until === undefined) return false;
    if (until > now()) return true;
    httpOnly.delete(key);
    return false;
  };

  return {
    async send(peer, wire, timeoutMs) {
      if (closed) throw new LinkError('closed', 'hop links closed');
      const key = `${peer.ed25519Hex}@${addressOf(peer)}`;
      if (isHttpOnly(key)) return null;
      try {
        return await linkFor(peer).send(wire, timeoutMs);
      } catch (err) {
        if (!(err instanceof LinkError) || err.kind !== 'not_link_peer') throw err;
        httpOnly.set(key, now() + (o.httpOnlyMs ?? LIMITS.hopLinkHttpOnlyMs));
        return null;
      }
    },
    retain(keep) {
      for (const [pk, l] of links) {
        if (keep.has(pk)) continue;
        l.link.close();
        links.delete(pk);
      }
      for (const key of httpOnly.keys()) if (!keep.has(key.slice(0, key.indexOf('@')))) httpOnly.delete(key);
    },
    close() {
      closed = true;
      for (const l of links.values()) l.link.close();
      links.clear();
      httpOnly.clear();
    },
  };
}
