/**
 * One onion hop (session-network.md §7.4; SS request_handler.cpp process_onion_req): peel the
 * layer addressed to this node with its X25519 key, then
 *   - forward it to the next node named by `destination` (any node of the current list), over
 *     the hop link to it or over HTTPS (forward-hop.ts);
 *   - or, as the destination (`headers` present), run the storage RPC it carries exactly as
 *     /storage_rpc/v1 would (no per-IP rate limit: the client's address is not known here, and
 *     SS does not rate-limit onion requests) and answer encrypted;
 *   - or relay it to an HTTP server on this node's allowlist.
 * Every outcome is counted and timed; an optional observer sees what the hop saw (tests only).
 */
import { openOnionLayer, peelOnionLayer, type OnionServerTarget, type PeeledOnionLayer } from '@hush/core';
import type { NodeIdentity } from '../identity.ts';
import type { Logger } from '../log/logger.ts';
import type { NodeMetrics } from '../metrics/node-metrics.ts';
import type { PeerClient } from '../replication/peer-client.ts';
import type { RpcContext } from '../rpc/context.ts';
import { processRequest } from '../rpc/dispatch.ts';
import type { NodeRecord } from '../swarm/swarm-view.ts';
import { forwardToNode, type HopTransport } from './forward-hop.ts';
import type { HopLinkPool } from './hop-link-pool.ts';
import type { OnionHopObserver, OnionOutcome } from './hop-record.ts';
import { layerFailure } from './layer-failure.ts';
import { encryptedReply, plainReply, type OnionReply } from './onion-reply.ts';
import type { ServerRelay } from './server-relay.ts';

export interface OnionHandlerOptions {
  readonly identity: NodeIdentity;
  /** The storage RPC context (same as /storage_rpc/v1). */
  readonly ctx: RpcContext;
  /** A node of the current list (any swarm) by Ed25519 hex. */
  readonly findNode: (ed25519Hex: string) => NodeRecord | undefined;
  /** HTTPS forwarding to next nodes (the fallback when `links` is given). */
  readonly peers: PeerClient;
  /** Hop links to next nodes; absent: forwarding over HTTPS only. */
  readonly links?: HopLinkPool;
  readonly relay: ServerRelay;
  readonly relayAllowed: (server: OnionServerTarget) => boolean;
  readonly forwardTimeoutMs: number;
  readonly metrics: NodeMetrics;
  readonly logger: Logger;
  readonly observer?: OnionHopObserver;
}

export interface OnionHandler {
  /** The reply to one `/onion_req/v2` body; never rejects. */
  handle(wire: Uint8Array, remoteAddress: string | null): Promise<OnionReply>;
}

interface HopResult {
  readonly reply: OnionReply;
  readonly outcome: OnionOutcome;
  readonly hopNo: number | null;
  readonly forwardedTo: string | null;
}

type Peeled<K extends PeeledOnionLayer['kind']> = Extract<PeeledOnionLayer, { kind: K }>;

export function createOnionHandler(o: OnionHandlerOptions): OnionHandler {
  const sk = o.identity.x25519Sk;
  const pk = o.identity.x25519Pk;
  const transport: HopTransport = o.links === undefined ? { peers: o.peers } : { peers: o.peers, links: o.links };

  const forward = async (p: Peeled<'forward'>): Promise<HopResult> => {
    const next = o.findNode(p.destination);
    if (next === undefined) return { reply: plainReply(502, `Next node not found: ${p.destination}`), outcome: 'next_node_not_found', hopNo: p.hopNo, forwardedTo: null };
    const r = await forwardToNode(transport, next, p.nextWire, o.forwardTimeoutMs);
    if (r.via !== null) o.metrics.onionForwards.inc({ transport: r.via });
    return { reply: r.reply, outcome: r.outcome, hopNo: p.hopNo, forwardedTo: `${next.ed25519Hex}@${next.ip}:${next.port}` };
  };

  const final = async (p: Peeled<'final'>): Promise<HopResult> => {
    const text = Buffer.from(p.payload.buffer, p.payload.byteOffset, p.payload.byteLength).toString('utf8');
    const { method, response } = await processRequest(o.ctx, text, 'client');
    o.metrics.requests.inc({ method, status: String(response.status), origin: 'onion' });
    return { reply: encryptedReply(p, response.status, response.body, { json: p.json, base64: p.base64 }), outcome: 'final', hopNo: p.hopNo, forwardedTo: null };
  };

  const relay = async (p: Peeled<'relay'>): Promise<HopResult> => {
    if (!o.relayAllowed(p.server)) {
      const text = `Onion relay to ${p.server.host}:${p.server.port} is not allowed by this node`;
      return { reply: encryptedReply(p, 403, text), outcome: 'relay_refused', hopNo: p.hopNo, forwardedTo: null };
    }
    const r = await o.relay.post(p.server, p.url, p.plaintext);
    return { ...r, hopNo: p.hopNo, forwardedTo: p.url };
  };

  const route = async (wire: Uint8Array): Promise<HopResult> => {
    let peeled: PeeledOnionLayer;
    try {
      peeled = peelOnionLayer(wire, sk, pk);
    } catch (err) {
      return { ...layerFailure(err, wire, sk, pk), forwardedTo: null };
    }
    if (peeled.kind === 'forward') return forward(peeled);
    if (peeled.kind === 'final') return final(peeled);
    return relay(peeled);
  };

  /** Test-only: the decrypted layer, opened separately (the peel may rewrite its own copy). */
  const peek = (wire: Uint8Array): Uint8Array | null => {
    try {
      return openOnionLayer(wire, sk, pk).plaintext;
    } catch {
      return null;
    }
  };

  return {
    async handle(wire, remoteAddress) {
      const started = performance.now();
      const seen = o.observer === undefined ? null : peek(wire);
      let r: HopResult;
      try {
        r = await route(wire);
      } catch (err) {
        o.logger.error('onion_failed', { error: err });
        r = { reply: plainReply(500, 'request failed'), outcome: 'internal_error', hopNo: null, forwardedTo: null };
      }
      const seconds = (performance.now() - started) / 1000;
      o.metrics.onionRequests.inc({ outcome: r.outcome });
      o.metrics.onionSeconds.observe(seconds, { outcome: r.outcome });
      o.logger.debug('onion', { outcome: r.outcome, status: r.reply.status, ms: Math.round(seconds * 10_000) / 10 });
      if (o.observer !== undefined) {
        try {
          o.observer({ remoteAddress, hopNo: r.hopNo, outcome: r.outcome, plaintextSeen: seen, forwardedTo: r.forwardedTo, status: r.reply.status });
        } catch {
          // an observer's failure is not the request's
        }
      }
      return r.reply;
    },
  };
}
