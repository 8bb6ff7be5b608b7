/**
 * A simulated Session network for unit tests: N nodes with real keys that open, relay and answer
 * onion requests with core's node-side functions, behind an injected Transport that records every
 * request. Failures are injected per node.
 */
import {
  HushError,
  blake2b,
  edPkToCurve,
  edSkToCurve,
  encodeV3ResponsePlaintext,
  encodeV4Response,
  encryptOnionResponse,
  formatSwarmId,
  fromHex,
  hopNonceLength,
  openServerOnionRequest,
  parseV4Request,
  peelOnionLayer,
  signSeedKeypair,
  swarmForPubkey,
  toBase64,
  toHex,
  utf8,
  type V4Request,
} from '@hush/core';
import type { Transport, TransportRequest, TransportResponse } from '../src/index.ts';

export type Behaviour = 'ok' | 'down' | 'bad-keys' | 'slow' | 'tamper' | 'busy';

export interface FakeNode {
  readonly ed25519: string;
  readonly x25519: string;
  readonly secret: Uint8Array;
  readonly ip: string;
  readonly port: number;
  swarm: bigint;
}

export interface RpcAnswer {
  readonly status: number;
  readonly body: unknown;
}

export interface Recorded {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly body: Uint8Array;
}

export interface FakeNetworkOptions {
  readonly count: number;
  /** Swarm of node i (default: i % 2 → swarm 0x1000 or 0x8000…). */
  readonly swarmOf?: (i: number) => bigint;
  /** IP of node i (default 10.0.<i>.1). */
  readonly ipOf?: (i: number) => string;
  readonly label?: string;
  /** Node clock (ms). */
  readonly nodeTime?: () => number;
}

function keyPair(label: string, i: number) {
  const kp = signSeedKeypair(blake2b(32, utf8(`${label}-node-${i}`)));
  return { ed25519: toHex(kp.publicKey), x25519: toHex(edPkToCurve(kp.publicKey)), secret: edSkToCurve(kp.secretKey) };
}

export function createFakeNetwork(options: FakeNetworkOptions) {
  const label = options.label ?? 'fake';
  const nodeTime = options.nodeTime ?? (() => 1_700_000_000_000);
  const nodes: FakeNode[] = Array.from({ length: options.count }, (_, i) => ({
    ...keyPair(label, i),
    ip: options.ipOf?.(i) ?? `10.0.${i}.1`,
    port: 22000 + i,
    swarm: options.swarmOf?.(i) ?? (i % 2 === 0 ? 0x1000n : 0x8000000000000000n),
  }));
  const behaviour = new Map<string, Behaviour>();
  /** Nodes the others no longer know ("Next node not found"). */
  const gone = new Set<string>();
  const requests: Recorded[] = [];
  /** Per onion request: the Ed25519 keys of the nodes that opened a layer, in order. */
  const onionRoutes: string[][] = [];
  const stored = new Map<string, { hash: string; data: string }[]>();
  let rpcOverride: ((node: FakeNode, method: string, params: Record<string, unknown>) => RpcAnswer | undefined) | undefined;
  let serverHandler: ((req: V4Request) => { code: number; body: Uint8Array }) | undefined;
  const server = { ...keyPair(label, 999), host: 'files.example', seen: [] as V4Request[] };

  const byKey = (ed: string): FakeNode | undefined => nodes.find((n) => n.ed25519 === ed && !gone.has(ed));
  const byAddr = (host: string, port: number): FakeNode | undefined => nodes.find((n) => n.ip === host && n.port === port);

  function swarmJson(pubkey: string) {
    const id = swarmForPubkey(fromHex(pubkey, 'pubkey', 33), [...new Set(nodes.map((n) => n.swarm))]);
    const snodes = nodes
      .filter((n) => n.swarm === id)
      .map((n) => ({ pubkey_ed25519: n.ed25519, pubkey_x25519: n.x25519, ip: n.ip, port: String(n.port), port_https: n.port }));
    return { id, json: { snodes, swarm: formatSwarmId(id) } };
  }

  function states() {
    return nodes.map((n) => ({
      pubkey_ed25519: n.ed25519,
      pubkey_x25519: n.x25519,
      public_ip: n.ip,
      storage_port: n.port,
      swarm: formatSwarmId(n.swarm),
      funded: true,
      active: true,
    }));
  }

  function defaultRpc(node: FakeNode, method: string, params: Record<string, unknown>): RpcAnswer {
    const t = nodeTime();
    if (method === 'info') return { status: 200, body: { version: [2, 8, 0], timestamp: t, t, hf: [21, 0] } };
    if (method === 'oxend_request') return { status: 200, body: { result: { height: 1, service_node_states: states() }, t, hf: [21, 0] } };
    const pubkey = String(params['pubkey']);
    const swarm = swarmJson(pubkey);
    if (method === 'get_swarm') return { status: 200, body: { ...swarm.json, t, hf: [21, 0] } };
    if (swarm.id !== node.swarm) return { status: 421, body: { ...swarm.json, t, hf: [21, 0] } };
    const key = `${pubkey}|${node.swarm}`;
    if (method === 'store') {
      const hash = toBase64(blake2b(32, utf8(String(params['data'])))).slice(0, 43);
      stored.set(key, [...(stored.get(key) ?? []), { hash, data: String(params['data']) }]);
      return { status: 200, body: { swarm: { [node.ed25519]: { hash } }, hash, t } };
    }
    if (method === 'retrieve') return { status: 200, body: { messages: stored.get(key) ?? [], more: false, t } };
    return { status: 400, body: `no method ${method}` };
  }

  function answerRpc(node: FakeNode, bytes: Uint8Array): RpcAnswer {
    const json = JSON.parse(Buffer.from(bytes).toString('utf8')) as { method: string; params?: Record<string, unknown> };
    const params = json.params ?? {};
    return rpcOverride?.(node, json.method, params) ?? defaultRpc(node, json.method, params);
  }

  const text = (status: number, body: string): TransportResponse => ({ status, body: utf8(body) });

  function tamper(res: TransportResponse): TransportResponse {
    const body = Uint8Array.from(res.body);
    const mid = Math.floor(body.length / 2);
    if (body.length > 0) body[mid] = body[mid]! ^ 0x01;
    return { status: res.status, body };
  }

  function answerServer(plaintext: Uint8Array): TransportResponse {
    const opened = openServerOnionRequest(plaintext, server.secret, fromHex(server.x25519, 'x', 32));
    const req = parseV4Request(opened.payload);
    server.seen.push(req);
    const out = serverHandler?.(req) ?? { code: 200, body: utf8(`echo ${req.method} ${req.endpoint}`) };
    const frame = encodeV4Response({ code: out.code, headers: { 'content-type': 'text/plain' } }, out.body);
    return { status: 200, body: encryptOnionResponse(opened.replyKey, opened.encType, frame, new Uint8Array(hopNonceLength(opened.encType)).fill(7)) };
  }

  /** What `node` answers to an onion wire, following it down the path. */
  function processOnion(node: FakeNode, wire: Uint8Array, route: string[]): TransportResponse {
    const b = behaviour.get(node.ed25519) ?? 'ok';
    if (b === 'busy') return text(503, 'Server busy, try again later');
    let peeled;
    try {
      const secret = b === 'bad-keys' ? blake2b(32, utf8('wrong')) : node.secret;
      peeled = peelOnionLayer(wire, secret, fromHex(node.x25519, 'x', 32));
    } catch {
      return text(400, 'Invalid ciphertext');
    }
    route.push(node.ed25519);
    let res: TransportResponse;
    if (peeled.kind === 'forward') {
      const next = byKey(peeled.destination);
      if (next === undefined) return text(502, `Next node not found: ${peeled.destination}`);
      const nb = behaviour.get(next.ed25519);
      if (nb === 'down' || nb === 'slow') return text(504, 'Request time out');
      res = processOnion(next, peeled.nextWire, route);
    } else if (peeled.kind === 'relay') {
      res = answerServer(peeled.plaintext);
    } else {
      const answer = answerRpc(node, peeled.payload);
      const bodyText = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
      const plain = encodeV3ResponsePlaintext(answer.status, bodyText);
      const nonce = new Uint8Array(hopNonceLength(peeled.encType)).fill(9);
      const sealed = encryptOnionResponse(peeled.replyKey, peeled.encType, plain, nonce);
      res = { status: 200, body: utf8(toBase64(sealed)) };
    }
    return b === 'tamper' ? tamper(res) : res;
  }

  function direct(node: FakeNode, req: TransportRequest): TransportResponse {
    const answer = answerRpc(node, req.body);
    return { status: answer.status, body: utf8(typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body)) };
  }

  const transport: Transport & { closed: number } = {
    closed: 0,
    async request(req) {
      if (req.signal?.aborted) throw new HushError('HUSH_ERR_ABORTED', 'aborted', { details: {} });
      requests.push({ host: req.endpoint.host, port: req.endpoint.port, path: req.path, body: req.body });
      const node = byAddr(req.endpoint.host, req.endpoint.port);
      const b = node === undefined ? 'down' : (behaviour.get(node.ed25519) ?? 'ok');
      if (node === undefined || b === 'down') throw new HushError('HUSH_ERR_NETWORK', `${req.endpoint.host}: ECONNREFUSED`, { details: { errno: 'ECONNREFUSED' } });
      if (b === 'slow') throw new HushError('HUSH_ERR_TIMEOUT', `${req.endpoint.host}: timeout`, { details: {} });
      if (req.path === '/storage_rpc/v1') return direct(node, req);
      if (req.path !== '/onion_req/v2') return text(404, 'POST Not Found');
      const route: string[] = [];
      onionRoutes.push(route);
      return processOnion(node, req.body, route);
    },
    close() {
      this.closed++;
    },
  };

  return {
    nodes,
    behaviour,
    gone,
    requests,
    onionRoutes,
    transport,
    server,
    states,
    swarmJson,
    onRpc(fn: typeof rpcOverride) {
      rpcOverride = fn;
    },
    onServer(fn: typeof serverHandler) {
      serverHandler = fn;
    },
    onionRequests: () => requests.filter((r) => r.path === '/onion_req/v2'),
  };
}

export type FakeNetwork = ReturnType<typeof createFakeNetwork>;

/** A manual clock: sleeps resolve at once and are recorded; timers fire on `tick`. */
export function createManualClock(start = 1_700_000_000_000) {
  let now = start;
  const sleeps: number[] = [];
  const timers: { at: number; fn: () => void; cancelled: boolean }[] = [];
  return {
    sleeps,
    now: () => now,
    async sleep(ms: number, signal?: AbortSignal) {
      if (signal?.aborted) throw new HushError('HUSH_ERR_ABORTED', 'sleep aborted', { details: {} });
      sleeps.push(ms);
      now += ms;
    },
    setTimer(ms: number, fn: () => void) {
      const t = { at: now + ms, fn, cancelled: false };
      timers.push(t);
      return () => {
        t.cancelled = true;
      };
    },
    /** Advances time and fires due timers. */
    tick(ms: number) {
      now += ms;
      for (const t of timers.splice(0)) {
        if (t.cancelled) continue;
        if (t.at <= now) t.fn();
        else timers.push(t);
      }
    },
    pendingTimers: () => timers.filter((t) => !t.cancelled).length,
  };
}

/** Deterministic randomness for tests (blake2b counter stream). */
export function seededRandom(seed: string) {
  let counter = 0;
  const bytes = (n: number): Uint8Array => {
    const out = new Uint8Array(n);
    for (let off = 0; off < n; off += 64) out.set(blake2b(64, utf8(`${seed}:${counter++}`)).subarray(0, Math.min(64, n - off)), off);
    return out;
  };
  return {
    bytes,
    int(max: number) {
      const b = bytes(4);
      return (((b[0]! << 24) >>> 0) + (b[1]! << 16) + (b[2]! << 8) + b[3]!) % max;
    },
  };
}
