/**
 * Hop links (onion forwarding between nodes over persistent TLS, ALPN hush-onion/1 on the HTTPS
 * port), with real node processes on loopback:
 *   - a 3-hop request goes over links (the forward counters say so) and is answered;
 *   - peers that do not speak the link get HTTPS forwarding: a node started with --hop-links
 *     false, a plain HTTPS server without ALPN, one whose ALPN list refuses ours with an alert;
 *     a peer found HTTP-only is remembered (no second handshake);
 *   - a raw TLS client sending a malformed frame loses its connection, the node keeps serving;
 *     a well-formed frame from it gets a response frame laid out as documented;
 *   - a link dropped mid-request (kill -9 of the next hop) → 504 at once; the next request reconnects;
 *   - plain HTTPS clients with and without ALPN (and curl) still get /storage_rpc/v1 answers;
 *   - a node stops promptly with links open both ways, and its previous hop answers 502 "Next node
 *     is currently unreachable: <key>" at once (the client strikes that node, not the path).
 * One link alone, against a scripted TLS peer: deadlines, the in-flight bound, a malformed reply.
 * Frames themselves: hand-built bytes decode as documented, and any reply survives any chunking.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer as createHttpsServer, request, type Server } from 'node:https';
import { join } from 'node:path';
import { connect, createServer as createTlsServer, type TLSSocket } from 'node:tls';
import fc from 'fast-check';
import { decryptOnionResponseV3, INVALID_SWARM_ID } from '@hush/core';
import { TLS_CERT_FILE, TLS_KEY_FILE } from '../src/http/tls-cert.ts';
import { identityFromSeed } from '../src/identity.ts';
import { createFrameReader } from '../src/onion/frame-reader.ts';
import { createHopLink } from '../src/onion/hop-link.ts';
import { parseResponse, responseFrame } from '../src/onion/hop-link-frame.ts';
import { cleanupTmp, freePort, killAll, makeNodeDir, makeUser, retrieveParams, seedOf, startNodeProcess, tmpDir, writeDevnet, type NodeProcess } from './helpers.ts';
import { buildRequest, postOnion, rpcPayload, snodeDestination, type HopNode } from './onion-helpers.ts';

const ALPN = 'hush-onion/1';
/** A, B, C, D: link nodes; E: --hop-links false; F: a destination that gets killed. */
const NAMES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
type Name = (typeof NAMES)[number];
const hop = {} as Record<Name | 'P' | 'Q', HopNode>;
const proc = {} as Record<Name, NodeProcess>;
const args = {} as Record<Name, string[]>;
const metricsPort = {} as Record<Name, number>;
const servers: Server[] = [];
/** TLS connections each plain server accepted, and the requests it answered. */
const plainSeen = { P: { connections: 0, requests: [] as string[] }, Q: { connections: 0, requests: [] as string[] } };
let certDir = '';

async function metric(n: Name, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${metricsPort[n]}/metrics`)).text();
  const m = new RegExp(`^${name}\\{${labels}\\} (\\d+)$`, 'm').exec(text);
  return m === null ? 0 : Number(m[1]);
}

const forwards = async (n: Name): Promise<{ link: number; https: number }> => ({
  link: await metric(n, 'hush_onion_forwards_total', 'transport="link"'),
  https: await metric(n, 'hush_onion_forwards_total', 'transport="https"'),
});

/** A plain HTTPS server answering POST /onion_req/v2 with a fixed reply (a node that knows no links). */
async function plainServer(which: 'P' | 'Q', alpn?: string[]): Promise<number> {
  const tls = { key: readFileSync(join(certDir, TLS_KEY_FILE)), cert: readFileSync(join(certDir, TLS_CERT_FILE)) };
  const server = createHttpsServer({ ...tls, ...(alpn === undefined ? {} : { ALPNProtocols: alpn }) }, (req, res) => {
    req.resume();
    req.on('end', () => {
      plainSeen[which].requests.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'application/x-plain-test' });
      res.end(`plain answer from ${which}`);
    });
  });
  server.on('secureConnection', () => void plainSeen[which].connections++);
  server.on('tlsClientError', () => undefined);
  servers.push(server);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)));
}

const start = async (n: Name): Promise<void> => {
  proc[n] = await startNodeProcess(args[n]);
};

before(async () => {
  const dirs = await Promise.all(NAMES.map((_, i) => makeNodeDir(seedOf(1500 + i))));
  certDir = dirs[0]!.dir;
  const ports = await Promise.all(NAMES.map(() => freePort()));
  const fakes = { P: identityFromSeed(seedOf(1590)), Q: identityFromSeed(seedOf(1591)) };
  const plainPorts = { P: await plainServer('P'), Q: await plainServer('Q', ['h2']) };
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, [
    ...dirs.map((d, i) => ({ identity: d.identity, port: ports[i]!, swarm: 0n })),
    ...(['P', 'Q'] as const).map((k) => ({ identity: fakes[k], port: plainPorts[k], swarm: INVALID_SWARM_ID })),
  ]);
  for (const [i, n] of NAMES.entries()) {
    metricsPort[n] = await freePort();
    args[n] = ['--data-dir', dirs[i]!.dir, '--port', String(ports[i]), '--devnet', devnet, '--log-level', 'error', '--metrics-port', String(metricsPort[n])];
    if (n === 'E') args[n].push('--hop-links', 'false');
    hop[n] = { ed25519: dirs[i]!.identity.ed25519Hex, x25519: dirs[i]!.identity.x25519Hex, port: ports[i]! };
  }
  for (const k of ['P', 'Q'] as const) hop[k] = { ed25519: fakes[k].ed25519Hex, x25519: fakes[k].x25519Hex, port: plainPorts[k] };
  await Promise.all(NAMES.slice(0, 3).map(start)); // in two batches: six tsx processes at once can take over 15 s on 2 busy cores
  await Promise.all(NAMES.slice(3).map(start));
});

after(async () => {
  await killAll();
  for (const s of servers) s.closeAllConnections();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  cleanupTmp();
});

async function info(path: HopNode[], to: HopNode): Promise<{ status: number; text: string; ms: number }> {
  const req = buildRequest(path, snodeDestination(to), rpcPayload('info', {}), 'xchacha20');
  const started = Date.now();
  const reply = await postOnion(path[0]!, req.built.wire);
  if (reply.status !== 200) return { status: reply.status, text: reply.text, ms: Date.now() - started };
  const v3 = decryptOnionResponseV3(reply.body, req.built.destinationKey, 'xchacha20');
  assert.deepEqual(JSON.parse(v3.body).version, [2, 8, 0]);
  return { status: v3.status, text: v3.body, ms: Date.now() - started };
}

/** A raw TLS connection offering `alpn`. */
function rawTls(port: number, alpn: string[]): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: '127.0.0.1', port, ALPNProtocols: alpn, rejectUnauthorized: false }, () => resolve(s));
    s.once('error', reject);
  });
}

/** A request frame built by hand: u32 LE id, u32 LE length, body. */
function handFrame(id: number, body: Buffer, declared = body.length): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32LE(id, 0);
  head.writeUInt32LE(declared, 4);
  return Buffer.concat([head, body]);
}

/** Resolves with what arrived when the connection closes, or rejects after `ms`. */
function closedWithin(s: TLSSocket, ms: number): Promise<Buffer> {
  const got: Buffer[] = [];
  s.on('data', (c: Buffer) => got.push(c));
  s.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`connection still open after ${ms} ms`)), ms);
    s.once('close', () => {
      clearTimeout(t);
      resolve(Buffer.concat(got));
    });
  });
}

describe('onion requests over hop links', () => {
  it('a 3-hop request goes over links between the nodes and is answered', async () => {
    const before = await Promise.all((['A', 'B', 'C'] as const).map(forwards));
    const r = await info([hop.A, hop.B, hop.C], hop.D);
    assert.equal(r.status, 200);
    const afterCounts = await Promise.all((['A', 'B', 'C'] as const).map(forwards));
    assert.deepEqual(afterCounts.map((c, i) => [c.link - before[i]!.link, c.https - before[i]!.https]), [[1, 0], [1, 0], [1, 0]]);
  });

  it('many requests at once share the links and are all answered', async () => {
    const results = await Promise.all(Array.from({ length: 12 }, () => info([hop.A, hop.B, hop.C], hop.D)));
    assert.deepEqual(results.map((r) => r.status), Array(12).fill(200));
  });
});

describe('peers that do not speak the link get HTTPS forwarding', () => {
  it('a node with --hop-links false: selects http/1.1, is forwarded to over HTTPS, forwards over HTTPS', async () => {
    const s = await rawTls(hop.E.port, [ALPN, 'http/1.1']);
    assert.equal(s.alpnProtocol, 'http/1.1', 'hush-onion/1 not offered when links are off');
    s.destroy();
    const [a0, e0] = [await forwards('A'), await forwards('E')];
    assert.equal((await info([hop.A, hop.E, hop.C], hop.D)).status, 200);
    assert.equal((await info([hop.A, hop.E, hop.C], hop.D)).status, 200);
    const [a1, e1] = [await forwards('A'), await forwards('E')];
    assert.deepEqual([a1.link - a0.link, a1.https - a0.https], [0, 2], 'A → E over HTTPS');
    assert.deepEqual([e1.link - e0.link, e1.https - e0.https], [0, 2], 'E → C over HTTPS');
  });

  it('a plain HTTPS server (no ALPN) gets /onion_req/v2; its reply comes back through a link as it was sent', async () => {
    const req = buildRequest([hop.A, hop.B], snodeDestination(hop.P), rpcPayload('info', {}), 'xchacha20');
    for (let i = 0; i < 2; i++) {
      const reply = await postOnion(hop.A, req.built.wire);
      assert.deepEqual([reply.status, reply.text, reply.contentType], [200, 'plain answer from P', 'application/x-plain-test']);
    }
    assert.deepEqual(plainSeen.P.requests, ['POST /onion_req/v2', 'POST /onion_req/v2']);
    // One link handshake (then remembered as HTTP-only) and one keep-alive HTTPS connection.
    assert.ok(plainSeen.P.connections <= 2, `${plainSeen.P.connections} TLS connections`);
  });

  it('a server whose ALPN list refuses ours with an alert still gets the request over HTTPS', async () => {
    const req = buildRequest([hop.A], snodeDestination(hop.Q), rpcPayload('info', {}), 'xchacha20');
    const reply = await postOnion(hop.A, req.built.wire);
    assert.deepEqual([reply.status, reply.text], [200, 'plain answer from Q']);
    assert.deepEqual(plainSeen.Q.requests, ['POST /onion_req/v2']);
  });
});

describe('what a raw TLS client can do to a link', () => {
  it('a well-formed frame gets a response frame: u32 id, u32 length, u16 status, u8 kind, body', async () => {
    const s = await rawTls(hop.A.port, [ALPN]);
    assert.equal(s.alpnProtocol, ALPN);
    const got = new Promise<Buffer>((resolve) => {
      let buf = Buffer.alloc(0);
      s.on('data', (c: Buffer) => {
        buf = Buffer.concat([buf, c]);
        if (buf.length >= 8 && buf.length >= 8 + buf.readUInt32LE(4)) resolve(buf);
      });
    });
    s.write(handFrame(0xdeadbeef, Buffer.from('garbage')));
    const f = await got;
    s.destroy();
    assert.equal(f.readUInt32LE(0), 0xdeadbeef);
    assert.equal(f.readUInt32LE(4), f.length - 8);
    assert.equal(f.readUInt16LE(8), 400);
    assert.equal(f[10], 0, 'kind 0: text/plain');
    assert.match(f.subarray(11).toString(), /^Error parsing onion request: /);
  });

  it('a frame declared over 10 MiB closes that connection at once; the node keeps serving', async () => {
    const s = await rawTls(hop.A.port, [ALPN]);
    const closed = closedWithin(s, 3000);
    s.write(handFrame(1, Buffer.alloc(0), 10 * 1024 * 1024 + 1));
    assert.equal((await closed).length, 0, 'nothing answered');
    const again = await rawTls(hop.A.port, [ALPN, 'http/1.1']);
    const closed2 = closedWithin(again, 3000);
    again.write(Buffer.from('GET /get_stats/v1 HTTP/1.1\r\nHost: x\r\n\r\n')); // HTTP on a link: a header declaring ~1 GB
    await closed2;
    assert.equal((await info([hop.A, hop.B, hop.C], hop.D)).status, 200);
  });
});

describe('a link dropped mid-request', () => {
  it('kill -9 of the next hop → 504 at once; the next request reconnects over the link', async () => {
    const user = makeUser(1550);
    const poll = buildRequest([hop.A, hop.B, hop.C], snodeDestination(hop.F), rpcPayload('retrieve', retrieveParams(user, 0, Date.now(), { long_poll_ms: 20_000 })), 'xchacha20');
    const pending = postOnion(hop.A, poll.built.wire);
    await new Promise((r) => setTimeout(r, 1500));
    const killedAt = Date.now();
    proc.F.kill('SIGKILL');
    const reply = await pending;
    assert.deepEqual([reply.status, reply.text], [504, 'Request time out']);
    assert.ok(Date.now() - killedAt < 5000, `answered ${Date.now() - killedAt} ms after the kill (forward timeout 30 s)`);
    assert.ok((await metric('C', 'hush_onion_requests_total', 'outcome="next_node_failed"')) >= 1);
    await proc.F.exited;
    await start('F');
    const before = await forwards('C');
    assert.equal((await info([hop.A, hop.B, hop.C], hop.F)).status, 200);
    const afterCounts = await forwards('C');
    assert.deepEqual([afterCounts.link - before.link, afterCounts.https - before.https], [1, 0]);
  });
});

describe('plain HTTPS clients on the same port', () => {
  type Outcome = { status: number; alpn: string | false | null; version: unknown } | { error: string };
  const rpc = (port: number, alpn?: string[]): Promise<Outcome> =>
    new Promise((resolve) => {
      const body = '{"method":"info","params":{}}';
      const req = request(
        { host: '127.0.0.1', port, path: '/storage_rpc/v1', method: 'POST', agent: false, rejectUnauthorized: false, headers: { 'content-length': String(body.length) }, ...(alpn === undefined ? {} : { ALPNProtocols: alpn }) },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, alpn: (res.socket as TLSSocket | null)?.alpnProtocol ?? null, version: JSON.parse(text).version }));
        },
      );
      req.on('error', (err: Error & { code?: string }) => resolve({ error: /alert no application protocol/i.test(err.message) ? 'no_application_protocol alert' : (err.code ?? err.message) }));
      req.end(body);
    });

  it('no ALPN, http/1.1, h2 + http/1.1, http/1.1 after hush-onion/1: answered as by a node without links', async () => {
    const cases: Array<[string[] | undefined, string | false]> = [
      [undefined, false],
      [['http/1.1'], 'http/1.1'],
      [['h2', 'http/1.1'], 'http/1.1'],
    ];
    for (const [alpn, selected] of cases) {
      const [withLinks, without] = [await rpc(hop.A.port, alpn), await rpc(hop.E.port, alpn)];
      assert.deepEqual(withLinks, { status: 200, alpn: selected, version: [2, 8, 0] }, JSON.stringify(alpn));
      assert.deepEqual(without, withLinks, JSON.stringify(alpn));
    }
  });

  it('a list without http/1.1 is refused with the same TLS alert as before links (Node 20 default ALPN http/1.1)', async () => {
    for (const alpn of [['h2'], ['http/1.0'], ['x-unknown']]) {
      const [withLinks, without] = [await rpc(hop.A.port, alpn), await rpc(hop.E.port, alpn)];
      assert.deepEqual(withLinks, { error: 'no_application_protocol alert' }, JSON.stringify(alpn));
      assert.deepEqual(without, withLinks, JSON.stringify(alpn));
    }
  });

  it('curl (ALPN h2, http/1.1) gets an answer', async () => {
    const out = await new Promise<string>((resolve, reject) =>
      execFile('curl', ['-sk', '--max-time', '10', '-X', 'POST', '-d', '{"method":"info","params":{}}', `https://127.0.0.1:${hop.A.port}/storage_rpc/v1`], (err, stdout) => (err ? reject(err) : resolve(stdout))),
    );
    assert.deepEqual(JSON.parse(out).version, [2, 8, 0]);
  });
});

describe('stopping a node with links open both ways', () => {
  it('it exits promptly, and its previous hop answers at once that it is unreachable, naming it', async () => {
    assert.equal((await info([hop.A, hop.B, hop.C], hop.D)).status, 200); // links A→B and B→C are open
    const started = Date.now();
    proc.B.kill('SIGTERM');
    assert.equal(await proc.B.exited, 0);
    assert.ok(Date.now() - started < 4000, `stopped in ${Date.now() - started} ms`);
    const r = await info([hop.A, hop.B, hop.C], hop.D);
    assert.deepEqual([r.status, r.text], [502, `Next node is currently unreachable: ${proc.B.pubkey}`]);
    assert.ok(r.ms < 3000);
  });
});

describe('one link against a scripted peer', () => {
  /** A TLS server selecting hush-onion/1 that hands each connection's bytes to `onData`. */
  async function peer(onData: (s: TLSSocket, chunk: Buffer) => void): Promise<{ port: number; close(): void }> {
    const tls = { key: readFileSync(join(certDir, TLS_KEY_FILE)), cert: readFileSync(join(certDir, TLS_CERT_FILE)) };
    const sockets: TLSSocket[] = [];
    const server = createTlsServer({ ...tls, ALPNProtocols: [ALPN] }, (s) => {
      sockets.push(s);
      s.on('data', (c: Buffer) => onData(s, c));
      s.on('error', () => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { port: (server.address() as { port: number }).port, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
  }
  const linkTo = (port: number, maxInFlight = 4) => createHopLink({ ip: '127.0.0.1', port, maxInFlight, maxResponseBytes: 1024, idleMs: 60_000 });
  const failure = (p: Promise<unknown>): Promise<string> => p.then(() => 'answered', (e: { kind?: string; name?: string }) => `${e.kind}/${e.name}`);

  it('a silent peer: a request fails at its deadline ("TimeoutError") and the connection is given up; past the in-flight bound a request fails at once', async () => {
    const p = await peer(() => undefined);
    const link = linkTo(p.port, 2);
    const started = Date.now();
    const [a, b] = [failure(link.send(Buffer.from('a'), 300)), failure(link.send(Buffer.from('b'), 600))];
    assert.equal(await failure(link.send(Buffer.from('c'), 300)), 'busy/LinkError');
    assert.ok(Date.now() - started < 200, 'the third failed at once');
    assert.equal(await a, 'timeout/TimeoutError');
    assert.ok(Date.now() - started >= 280);
    assert.equal(await b, 'dropped/LinkError', 'nothing arrived within a request deadline: the connection is given up');
    assert.ok(Date.now() - started < 550, 'b failed with its connection, before its own deadline');
    link.close();
    p.close();
  });

  it('a reply frame for a request, in pieces, answers it; a malformed reply frame fails every request on the link at once', async () => {
    let n = 0;
    const p = await peer((s, chunk) => {
      const id = chunk.readUInt32LE(0);
      if (n++ === 0) {
        const f = handFrame(id, Buffer.concat([Buffer.from([201, 0, 3, 5]), Buffer.from('x/y-zhello')]));
        for (let i = 0; i < f.length; i += 3) s.write(f.subarray(i, i + 3));
      } else if (chunk.subarray(8).toString() === 'bad') s.write(handFrame(id, Buffer.from([0xff, 0xff, 0])));
    });
    const link = linkTo(p.port);
    const r = await link.send(Buffer.from('first'), 2000);
    assert.deepEqual({ status: r.status, contentType: r.contentType, body: r.body.toString() }, { status: 201, contentType: 'x/y-z', body: 'hello' });
    const waiting = failure(link.send(Buffer.from('never answered'), 5000));
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    assert.equal(await failure(link.send(Buffer.from('bad'), 5000)), 'malformed/LinkError');
    assert.equal(await waiting, 'malformed/LinkError');
    assert.ok(Date.now() - started < 1000);
    link.close();
    p.close();
  });
});

describe('frames', () => {
  it('a hand-built response frame decodes as documented, each content kind', () => {
    const body = (status: number, kind: number, rest: Buffer): Buffer => Buffer.concat([Buffer.from([status & 0xff, status >> 8, kind]), rest]);
    assert.deepEqual(parseResponse(body(200, 0, Buffer.from('hi'))), { status: 200, body: Buffer.from('hi'), contentType: 'text/plain; charset=utf-8' });
    assert.deepEqual(parseResponse(body(504, 1, Buffer.from([1, 2]))), { status: 504, body: Buffer.from([1, 2]), contentType: 'application/octet-stream' });
    assert.deepEqual(parseResponse(body(200, 2, Buffer.from('{}'))), { status: 200, body: Buffer.from('{}'), contentType: 'application/json' });
    assert.deepEqual(parseResponse(body(201, 3, Buffer.concat([Buffer.from([6]), Buffer.from('a/b; cx')]))), { status: 201, body: Buffer.from('x'), contentType: 'a/b; c' });
    for (const bad of [Buffer.from([200, 0]), body(99, 0, Buffer.alloc(0)), body(600, 0, Buffer.alloc(0)), body(200, 4, Buffer.alloc(0)), body(200, 3, Buffer.from([9, 0x41])), body(200, 3, Buffer.from([1, 0x0a]))]) {
      assert.equal(typeof parseResponse(bad), 'string', bad.toString('hex'));
    }
  });

  it('any reply survives any chunking of its frames', () => {
    const type = fc.oneof(fc.constantFrom('text/plain; charset=utf-8', 'application/octet-stream', 'application/json'), fc.stringMatching(/^[ -~]{1,255}$/));
    const reply = fc.record({ id: fc.nat({ max: 0xffffffff }), status: fc.integer({ min: 100, max: 599 }), contentType: type, body: fc.uint8Array({ maxLength: 300 }) });
    fc.assert(
      fc.property(fc.array(reply, { minLength: 1, maxLength: 5 }), fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1 }), (replies, cuts) => {
        const stream = Buffer.concat(replies.map((r) => responseFrame(r.id, { status: r.status, body: r.body, contentType: r.contentType })));
        const got: unknown[] = [];
        const reader = createFrameReader(1024, (id, b) => got.push({ id, ...(parseResponse(b) as object) }));
        for (let at = 0, i = 0; at < stream.length; i++) {
          const size = cuts[i % cuts.length]!;
          assert.ok(reader.push(stream.subarray(at, at + size)));
          at += size;
        }
        assert.deepEqual(got, replies.map((r) => ({ id: r.id, status: r.status, body: Buffer.from(r.body), contentType: r.contentType })));
        assert.equal(reader.buffered(), 0);
      }),
    );
  });

  it('a header declaring more than the limit stops the reader before any body arrives', () => {
    const seen: number[] = [];
    const reader = createFrameReader(16, (id) => seen.push(id));
    assert.equal(reader.push(handFrame(1, Buffer.alloc(16))), true);
    assert.equal(reader.push(handFrame(2, Buffer.alloc(0), 17).subarray(0, 8)), false);
    assert.equal(reader.push(Buffer.alloc(1)), false);
    assert.deepEqual([seen, reader.buffered()], [[1], 0]);
  });
});
