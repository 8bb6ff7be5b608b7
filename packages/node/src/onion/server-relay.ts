/**
 * Relaying an onion request to an HTTP server (session-network.md §7.4 "relay to server"; SS
 * request_handler.cpp process_onion_req(RelayToServerInfo)): POST the whole decrypted layer to
 * the server's URL, 25 s timeout, and hand back the server's status and body untouched (they are
 * encrypted to the client). Timeout → 504, other failures → 502. Error texts carry an error code
 * but never the server's address: they travel back through the path in plain text.
 * Keep-alive agents (one per protocol) are reused; `close()` destroys them.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { OnionServerTarget } from '@hush/core';
import type { OnionOutcome } from './hop-record.ts';
import { OCTETS, plainReply, type OnionReply } from './onion-reply.ts';

export interface ServerRelayOptions {
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly maxSockets: number;
  /** Source address of outgoing connections. */
  readonly localAddress?: string;
}

export interface RelayResult {
  readonly reply: OnionReply;
  readonly outcome: OnionOutcome;
}

export interface ServerRelay {
  post(server: OnionServerTarget, url: string, plaintext: Uint8Array): Promise<RelayResult>;
  close(): void;
}

function readLimited(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) res.destroy(Object.assign(new Error('response too large'), { code: 'RESPONSE_TOO_LARGE' }));
      else chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', reject);
    res.on('aborted', () => reject(Object.assign(new Error('response aborted'), { code: 'ECONNRESET' })));
  });
}

function failure(err: unknown, signal: AbortSignal): RelayResult {
  if (signal.aborted) return { reply: plainReply(504, 'Onion relay request timed out'), outcome: 'relay_timeout' };
  const code = (err as { code?: unknown })?.code;
  const what = typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'request error';
  return { reply: plainReply(502, `Onion relay request failed: ${what}`), outcome: 'relay_failed' };
}

export function createServerRelay(o: ServerRelayOptions): ServerRelay {
  const http = new HttpAgent({ keepAlive: true, maxSockets: o.maxSockets });
  const https = new HttpsAgent({ keepAlive: true, maxSockets: o.maxSockets });

  const exchange = (server: OnionServerTarget, url: string, body: Uint8Array, signal: AbortSignal): Promise<RelayResult> =>
    new Promise((resolve, reject) => {
      const secure = server.protocol === 'https';
      const options = {
        method: 'POST',
        agent: secure ? https : http,
        signal,
        headers: { 'content-type': OCTETS, 'content-length': String(body.length) },
        ...(o.localAddress === undefined ? {} : { localAddress: o.localAddress }),
      };
      const req = (secure ? httpsRequest : httpRequest)(url, options, (res) => {
        const type = res.headers['content-type'] ?? OCTETS;
        readLimited(res, o.maxResponseBytes).then((b) => resolve({ reply: { status: res.statusCode ?? 502, body: b, contentType: type }, outcome: 'relayed' }), reject);
      });
      req.on('error', reject);
      req.end(body);
    });

  return {
    async post(server, url, plaintext) {
      const signal = AbortSignal.timeout(o.timeoutMs);
      try {
        return await exchange(server, url, plaintext, signal);
      } catch (err) {
        return failure(err, signal);
      }
    },
    close() {
      http.destroy();
      https.destroy();
    },
  };
}
