/**
 * HTTPS client for node-to-node requests: one keep-alive `https.Agent` per peer (TLS sessions are
 * reused: a fresh handshake per request costs ~50×), certificates not verified (nodes authenticate
 * by the signed request headers), bounded in time and response size. Replication requests are
 * signed; onion layers forwarded to the next hop are not (they authenticate by their encryption,
 * and a signature would name the sender to the next hop for nothing).
 */
import { Agent, request } from 'node:https';
import type { NodeIdentity } from '../identity.ts';
import { LIMITS } from '../limits.ts';
import { signNodeRequest } from './node-auth.ts';

export interface PeerAddress {
  readonly ed25519Hex: string;
  readonly ip: string;
  readonly port: number;
}

export interface PeerReply {
  readonly status: number;
  readonly body: Buffer;
  /** The reply's Content-Type, when it had one. */
  readonly contentType?: string;
}

export interface PeerClient {
  /** Signed request. Rejects on network errors and on timeout (error name "TimeoutError"). */
  post(peer: PeerAddress, path: string, body: Buffer, timeoutMs: number): Promise<PeerReply>;
  /** Unsigned request over the same keep-alive agents (onion forwarding); rejects as `post`. */
  forward(peer: PeerAddress, path: string, body: Uint8Array, timeoutMs: number): Promise<PeerReply>;
  /** Closes the agents of peers not in `keep` (ed25519 hex). */
  retain(keep: ReadonlySet<string>): void;
  close(): void;
}

export interface PeerClientOptions {
  readonly identity: NodeIdentity;
  readonly clock: () => number;
  readonly maxSockets?: number;
  /** Source address for outgoing connections (loopback devnets bind each node to its own 127.0.0.x). */
  readonly localAddress?: string;
}

function readLimited(res: import('node:http').IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) res.destroy(new Error('peer response too large'));
      else chunks.push(c);
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', reject);
    res.on('aborted', () => reject(new Error('peer response aborted')));
  });
}

function timeoutError(ms: number): Error {
  const err = new Error(`peer request timed out after ${ms} ms`);
  err.name = 'TimeoutError';
  return err;
}

export function createPeerClient(options: PeerClientOptions): PeerClient {
  const agents = new Map<string, { agent: Agent; key: string }>();
  const agentFor = (peer: PeerAddress): Agent => {
    const key = `${peer.ip}:${peer.port}`;
    const existing = agents.get(peer.ed25519Hex);
    if (existing !== undefined && existing.key === key) return existing.agent;
    existing?.agent.destroy();
    const agent = new Agent({ keepAlive: true, noDelay: true, scheduling: 'lifo', maxSockets: options.maxSockets ?? LIMITS.peerMaxSockets, rejectUnauthorized: false });
    agents.set(peer.ed25519Hex, { agent, key });
    return agent;
  };

  const local = options.localAddress !== undefined ? { localAddress: options.localAddress } : {};

  /**
   * One exchange. The deadline is one plain timer, cleared on the first outcome (cheaper on the
   * hot onion path than an AbortSignal per request, which adds a signal, a timer and listeners);
   * on expiry the request is destroyed and the call rejects with a "TimeoutError".
   */
  const send = (peer: PeerAddress, path: string, body: Uint8Array, timeoutMs: number, headers: Record<string, string>): Promise<PeerReply> =>
    new Promise((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const finish = (): boolean => {
        if (settled) return false;
        settled = true;
        clearTimeout(timer);
        return true;
      };
      const succeed = (reply: PeerReply): void => {
        if (finish()) resolve(reply);
      };
      const fail = (err: Error): void => {
        if (finish()) reject(err);
      };
      const req = request({ host: peer.ip, port: peer.port, path, method: 'POST', agent: agentFor(peer), headers, ...local }, (res) => {
        const type = res.headers['content-type'];
        readLimited(res, LIMITS.maxPeerResponseBytes).then((b) => succeed({ status: res.statusCode ?? 0, body: b, ...(type === undefined ? {} : { contentType: type }) }), fail);
      });
      timer = setTimeout(() => {
        fail(timeoutError(timeoutMs));
        req.destroy();
      }, timeoutMs);
      timer.unref();
      req.on('error', fail);
      req.end(body);
    });

  // A fan-out posts one body to every peer in one synchronous loop: the signature (Ed25519,
  // deterministic, over timestamp + body) is made once for them all, not once per peer, and
  // forgotten once that loop is over (no body is kept alive by it).
  let last: { body: Buffer; now: number; headers: Record<string, string> } | undefined;
  const signed = (body: Buffer, now: number): Record<string, string> => {
    if (last === undefined || last.body !== body || last.now !== now) {
      if (last === undefined) queueMicrotask(() => (last = undefined));
      last = { body, now, headers: signNodeRequest(options.identity, body, now) };
    }
    return last.headers;
  };

  const post = (peer: PeerAddress, path: string, body: Buffer, timeoutMs: number): Promise<PeerReply> =>
    send(peer, path, body, timeoutMs, { ...signed(body, options.clock()), 'content-type': 'application/json', 'content-length': String(body.length) });

  const forward = (peer: PeerAddress, path: string, body: Uint8Array, timeoutMs: number): Promise<PeerReply> =>
    send(peer, path, body, timeoutMs, { 'content-type': 'application/octet-stream', 'content-length': String(body.length) });

  return {
    post,
    forward,
    retain(keep) {
      for (const [pk, a] of agents) {
        if (!keep.has(pk)) {
          a.agent.destroy();
          agents.delete(pk);
        }
      }
    },
    close() {
      for (const a of agents.values()) a.agent.destroy();
      agents.clear();
    },
  };
}
