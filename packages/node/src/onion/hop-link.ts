/**
 * One hop link to a next node, the sending side: a TLS connection opened on first use, offering
 * ALPN [hush-onion/1, http/1.1], and opened again by the next request after it drops. Requests
 * are framed (hop-link-frame.ts) and multiplexed by id, at most `maxInFlight` at once (the excess
 * fails at once, kind "busy"). Each request has its own deadline ("timeout").
 *  - The handshake selects something else, or the peer refuses the protocol with a TLS alert:
 *    every queued request fails with "not_link_peer" (the caller forwards it over HTTPS).
 *  - The connection drops or sends a malformed frame: it is destroyed and every request on it
 *    fails at once ("dropped" / "malformed").
 *  - A request times out and nothing at all arrived on its connection since it was sent (a
 *    handshake that never ends, a peer gone silent): the connection is given up too, so the next
 *    request starts a fresh one.
 * An idle connection is closed after `idleMs`; late replies to timed-out requests are ignored.
 */
import { connect, type TLSSocket } from 'node:tls';
import { createFrameReader } from './frame-reader.ts';
import { LinkError, type LinkFailure } from './hop-link-error.ts';
import { HOP_LINK_ALPN, parseResponse, requestFrame, type FrameReply } from './hop-link-frame.ts';

export interface HopLinkOptions {
  readonly ip: string;
  readonly port: number;
  /** Source address of the connection. */
  readonly localAddress?: string;
  readonly maxInFlight: number;
  readonly maxResponseBytes: number;
  readonly idleMs: number;
}

export interface HopLink {
  /** The next node's reply to one onion wire; rejects with a LinkError. */
  send(wire: Uint8Array, timeoutMs: number): Promise<FrameReply>;
  /** Fails what is in flight ("closed") and closes the connection; later sends fail too. */
  close(): void;
  inFlight(): number;
}

interface Pending {
  readonly resolve: (r: FrameReply) => void;
  readonly reject: (e: LinkError) => void;
  readonly timer: NodeJS.Timeout;
  readonly conn: Conn;
  /** Frames received on `conn` when this request was sent. */
  readonly receivedAtSend: number;
}

interface Conn {
  readonly socket: TLSSocket;
  secure: boolean;
  queued: Buffer[];
  received: number;
}

/** The peer's TLS alert refusing every protocol we offered (code, or EPROTO with the alert in the message). */
function refusedAlpn(err: Error & { code?: string }): boolean {
  return err.code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL' || /alert no application protocol/i.test(err.message);
}

export function createHopLink(o: HopLinkOptions): HopLink {
  const pending = new Map<number, Pending>();
  let conn: Conn | null = null;
  let nextId = 0;
  let closed = false;

  /** Gives a connection up: every request on it fails with `kind`. */
  const drop = (c: Conn, kind: LinkFailure, why: string): void => {
    if (conn === c) conn = null;
    c.socket.destroy();
    for (const [id, p] of pending) {
      if (p.conn !== c) continue;
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(new LinkError(kind, why));
    }
  };

  const onReply = (c: Conn, id: number, body: Buffer): void => {
    c.received++;
    const reply = parseResponse(body);
    if (typeof reply === 'string') return drop(c, 'malformed', reply);
    const p = pending.get(id);
    if (p === undefined || p.conn !== c) return; // a late reply to a request that timed out
    pending.delete(id);
    clearTimeout(p.timer);
    p.resolve(reply);
  };

  const onSecure = (c: Conn): void => {
    if (c.socket.alpnProtocol !== HOP_LINK_ALPN) return drop(c, 'not_link_peer', `peer selected ALPN ${String(c.socket.alpnProtocol)}`);
    c.secure = true;
    c.socket.setTimeout(o.idleMs);
    c.socket.cork();
    for (const f of c.queued) c.socket.write(f);
    c.queued = [];
    c.socket.uncork();
  };

  const open = (): Conn => {
    const socket = connect({
      host: o.ip,
      port: o.port,
      ALPNProtocols: [HOP_LINK_ALPN, 'http/1.1'],
      rejectUnauthorized: false,
      ...(o.localAddress === undefined ? {} : { localAddress: o.localAddress }),
    });
    const c: Conn = { socket, secure: false, queued: [], received: 0 };
    const reader = createFrameReader(o.maxResponseBytes, (id, body) => onReply(c, id, body));
    socket.setNoDelay(true);
    socket.setKeepAlive(true, o.idleMs);
    socket.once('secureConnect', () => onSecure(c));
    socket.on('data', (chunk: Buffer) => {
      if (!reader.push(chunk)) drop(c, 'malformed', 'response frame over the limit');
    });
    socket.on('timeout', () => {
      if (pending.size === 0) drop(c, 'dropped', 'idle'); // every request in flight is on the current connection
    });
    socket.on('error', (err: Error & { code?: string }) => drop(c, refusedAlpn(err) ? 'not_link_peer' : 'dropped', err.code ?? err.message));
    socket.on('close', () => drop(c, 'dropped', 'connection closed'));
    return c;
  };

  const expire = (id: number, timeoutMs: number): void => {
    const p = pending.get(id);
    if (p === undefined) return;
    pending.delete(id);
    p.reject(new LinkError('timeout', `no reply within ${timeoutMs} ms`));
    if (p.conn.received === p.receivedAtSend) drop(p.conn, 'dropped', 'nothing received within a request timeout');
  };

  const newId = (): number => {
    do nextId = (nextId + 1) >>> 0;
    while (pending.has(nextId));
    return nextId;
  };

  return {
    send(wire, timeoutMs) {
      if (closed) return Promise.reject(new LinkError('closed', 'link closed'));
      if (pending.size >= o.maxInFlight) return Promise.reject(new LinkError('busy', `${o.maxInFlight} requests in flight on the link`));
      const c = conn ?? (conn = open());
      const id = newId();
      const frame = requestFrame(id, wire);
      return new Promise<FrameReply>((resolve, reject) => {
        const timer = setTimeout(() => expire(id, timeoutMs), timeoutMs);
        timer.unref();
        pending.set(id, { resolve, reject, timer, conn: c, receivedAtSend: c.received });
        if (c.secure) c.socket.write(frame);
        else c.queued.push(frame);
      });
    },
    close() {
      closed = true;
      if (conn !== null) drop(conn, 'closed', 'link closed');
    },
    inFlight: () => pending.size,
  };
}
