/**
 * The receiving side of hop links: TLS connections that negotiated ALPN hush-onion/1 on the HTTPS
 * port (http/server.ts hands them here). Each request frame is answered by the same onion handler
 * as POST /onion_req/v2, with the same readiness check (503 "Service node is not ready: …"), and
 * `remoteAddress` is the link's peer address. Bounds, per connection:
 *   - a frame declaring more than `maxFrameBytes` (the request body limit) → the connection is
 *     destroyed, nothing of it buffered; so is one whose frame is not whole `frameTimeoutMs` after
 *     its first byte (checked as bytes arrive; a connection silent for `idleMs` is closed anyway);
 *   - at most `maxInFlight` requests handled at once; frames past that are answered 503 at once;
 *   - replies are written with backpressure: reading pauses while the peer does not read.
 * `close` stops reading, lets requests in flight answer within the grace period, then closes.
 */
import type { TLSSocket } from 'node:tls';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import { createFrameReader } from './frame-reader.ts';
import { responseFrame, responseFrameLength } from './hop-link-frame.ts';
import { plainReply, type OnionReply } from './onion-reply.ts';

export interface HopLinkServerOptions {
  /** The onion handler (`createOnionHandler(...).handle`). */
  readonly handle: (wire: Uint8Array, remoteAddress: string | null) => Promise<OnionReply>;
  readonly notReadyReason: () => string | null;
  readonly metrics: NodeMetrics;
  readonly logger: Logger;
  readonly maxInFlight?: number;
  readonly maxFrameBytes?: number;
  readonly frameTimeoutMs?: number;
  readonly idleMs?: number;
}

export interface HopLinkServer {
  /** Serves a TLS connection that selected hush-onion/1. */
  accept(socket: TLSSocket): void;
  /** Stops reading frames, lets requests in flight answer within `graceMs`, then closes every link. */
  close(graceMs: number): Promise<void>;
  connections(): number;
}

interface Served {
  readonly socket: TLSSocket;
  inFlight: number;
}

async function waitFor(done: () => boolean, ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (!done() && performance.now() < until) await new Promise((r) => setTimeout(r, 10));
}

export function createHopLinkServer(o: HopLinkServerOptions): HopLinkServer {
  const served = new Set<Served>();
  const maxInFlight = o.maxInFlight ?? LIMITS.hopLinkMaxInFlight;
  const maxReply = LIMITS.hopLinkMaxResponseFrameBytes;
  let closing = false;

  /** Writes a reply; a reply too large for a frame becomes the 504 a too-large HTTP answer would end as. */
  const write = (s: Served, id: number, reply: OnionReply): void => {
    if (s.socket.destroyed) return;
    const fits = responseFrameLength(reply) <= maxReply;
    if (s.socket.write(responseFrame(id, fits ? reply : plainReply(504, 'Request time out'))) || s.socket.isPaused()) return;
    s.socket.pause();
    s.socket.once('drain', () => {
      if (!closing) s.socket.resume();
    });
  };

  const onFrame = (s: Served, id: number, wire: Buffer): void => {
    if (closing || s.socket.destroyed) return;
    if (s.inFlight >= maxInFlight) return write(s, id, plainReply(503, 'Too many requests in flight on this link'));
    const why = o.notReadyReason();
    if (why !== null) {
      o.metrics.onionRequests.inc({ outcome: 'not_ready' });
      return write(s, id, plainReply(503, `Service node is not ready: ${why}\n`));
    }
    s.inFlight++;
    o.handle(wire, s.socket.remoteAddress ?? null)
      .catch(() => plainReply(500, 'request failed'))
      .then((reply) => {
        s.inFlight--;
        write(s, id, reply);
      });
  };

  const malformed = (s: Served, reason: string): void => {
    o.metrics.onionRequests.inc({ outcome: 'bad_body' });
    o.logger.warn('hop_link_malformed', { reason });
    s.socket.destroy();
  };

  /** Reads frames; a frame must be whole within the frame timeout of its first byte. */
  const read = (s: Served): void => {
    const reader = createFrameReader(o.maxFrameBytes ?? LIMITS.hopLinkMaxRequestFrameBytes, (id, wire) => onFrame(s, id, wire));
    const frameTimeoutMs = o.frameTimeoutMs ?? LIMITS.hopLinkFrameTimeoutMs;
    let partialSince = 0;
    s.socket.on('data', (chunk: Buffer) => {
      const before = reader.frames();
      if (!reader.push(chunk)) return malformed(s, 'frame over the size limit');
      if (reader.buffered() === 0) partialSince = 0;
      else if (partialSince === 0 || reader.frames() !== before) partialSince = performance.now();
      else if (performance.now() - partialSince > frameTimeoutMs) malformed(s, 'frame not whole in time');
    });
    s.socket.on('timeout', () => {
      if (reader.buffered() > 0) malformed(s, 'frame not whole in time');
      else if (s.inFlight === 0) s.socket.end();
    });
  };

  return {
    accept(socket) {
      if (closing) return void socket.destroy();
      const s: Served = { socket, inFlight: 0 };
      served.add(s);
      socket.setNoDelay(true);
      socket.setTimeout(o.idleMs ?? LIMITS.keepAliveTimeoutMs);
      socket.on('error', () => socket.destroy());
      socket.once('close', () => served.delete(s));
      read(s);
    },
    async close(graceMs) {
      closing = true;
      for (const s of served) s.socket.pause();
      await waitFor(() => [...served].every((s) => s.inFlight === 0), graceMs);
      for (const s of served) s.socket.end();
      await waitFor(() => served.size === 0, LIMITS.hopLinkCloseMs);
      for (const s of served) s.socket.destroy();
    },
    connections: () => served.size,
  };
}
