/**
 * Onion requests through real node processes on loopback (static devnet list): 3-hop requests
 * built with core's builder to a 4th node (info; store then retrieve), both encryption types,
 * replies decrypted with the returned key; the reply options; every path error as Session nodes
 * answer it; relaying to an allow-listed local HTTP server (v4) and the refusals and failures
 * around it; the hop metrics; and no rate limit on onion requests.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net';
import { join } from 'node:path';
import {
  decryptOnionResponseV3,
  decryptOnionResponseV4,
  encodeV4Request,
  encodeV4Response,
  encryptOnionResponse,
  fromBase64,
  hopDecrypt,
  hopNonceLength,
  INVALID_SWARM_ID,
  openServerOnionRequest,
  parseLayer,
  parseV4Request,
  randomBytes,
  toHex,
  utf8,
  encodeLayer,
  type OnionEncType,
} from '@hush/core';
import { cleanupTmp, client, fakeNode, freePort, killAll, makeNodeDir, makeUser, retrieveParams, seedOf, startNodeProcess, storeParams, tmpDir, writeDevnet, type NodeProcess } from './helpers.ts';
import { buildRequest, ENC_TYPES, handLayer, layerKey, postOnion, rpcPayload, snodeDestination, x25519Public, type HopNode, type RawReply } from './onion-helpers.ts';

const NODES = 4;
const nodes: HopNode[] = [];
const procs: NodeProcess[] = [];
const metricsPorts: number[] = [];
const servers: Array<Server | TcpServer> = [];
const held: Socket[] = [];
let relayPort = 0;
let blackholeHttpPort = 0;
let closedPort = 0;
let unlistedPort = 0;
const serverSk = randomBytes(32);
const serverPk = x25519Public(serverSk);
/** A listed node that accepts connections and never answers. */
let blackholeNode: HopNode;

function listen(server: Server | TcpServer): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const a = server.address();
      resolve(typeof a === 'object' && a !== null ? a.port : 0);
    });
  });
}

/** The test's "file server": opens the relayed layer with its own key and answers v4, encrypted. */
function v4Server(): Server {
  return createHttpServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const opened = openServerOnionRequest(Buffer.concat(chunks), serverSk, serverPk);
        const v4 = parseV4Request(opened.payload);
        const meta = { code: 200, headers: { 'content-type': 'application/json' } };
        const echo = utf8(JSON.stringify({ path: req.url, method: v4.method, endpoint: v4.endpoint, body: v4.body === null ? null : Buffer.from(v4.body).toString() }));
        const reply = encryptOnionResponse(opened.replyKey, opened.encType, encodeV4Response(meta, echo), randomBytes(hopNonceLength(opened.encType)));
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(reply);
      } catch (err) {
        res.writeHead(400, { 'content-type': 'text/plain' });
        res.end(`test server: ${(err as Error).message}`);
      }
    });
  });
}

async function metric(i: number, outcome: string): Promise<number> {
  const res = await fetch(`http://127.0.0.1:${metricsPorts[i]}/metrics`);
  const text = await res.text();
  const m = new RegExp(`^hush_onion_requests_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(text);
  return m === null ? 0 : Number(m[1]);
}

before(async () => {
  const relay = v4Server();
  const blackholeHttp = createTcpServer((s) => void held.push(s));
  const blackholeTls = createTcpServer((s) => void held.push(s));
  servers.push(relay, blackholeHttp, blackholeTls);
  relayPort = await listen(relay);
  blackholeHttpPort = await listen(blackholeHttp);
  const blackholeTlsPort = await listen(blackholeTls);
  closedPort = await freePort();
  unlistedPort = await freePort();

  const dirs = await Promise.all(Array.from({ length: NODES }, (_, i) => makeNodeDir(seedOf(600 + i))));
  const ports = await Promise.all(dirs.map(() => freePort()));
  const fake = { ...fakeNode(600, blackholeTlsPort, INVALID_SWARM_ID) };
  blackholeNode = { ed25519: fake.identity.ed25519Hex, x25519: fake.identity.x25519Hex, port: blackholeTlsPort };
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, [...dirs.map((d, i) => ({ identity: d.identity, port: ports[i]!, swarm: 0n })), fake]);
  const allow = [`127.0.0.1:${relayPort}`, `127.0.0.1:${blackholeHttpPort}`, `127.0.0.1:${closedPort}`].join(',');
  metricsPorts.push(...(await Promise.all(dirs.map(() => freePort()))));
  const started = await Promise.all(
    dirs.map((d, i) =>
      startNodeProcess([
        '--data-dir', d.dir, '--port', String(ports[i]), '--devnet', devnet, '--log-level', 'error',
        '--metrics-port', String(metricsPorts[i]),
        '--onion-relay-hosts', allow, '--onion-relay-timeout-ms', '1000', '--onion-forward-timeout-ms', '1500',
        '--rate-limit-bucket', '2', '--rate-limit-rate', '1',
      ]),
    ),
  );
  procs.push(...started);
  nodes.push(...dirs.map((d, i) => ({ ed25519: d.identity.ed25519Hex, x25519: d.identity.x25519Hex, port: ports[i]! })));
});

after(async () => {
  for (const s of held) s.destroy();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  await killAll();
  cleanupTmp();
});

const path = (): [HopNode, HopNode, HopNode] => [nodes[0]!, nodes[1]!, nodes[2]!];
const dest = (): HopNode => nodes[3]!;

async function viaPath(method: string, params: unknown, encType: OnionEncType): Promise<{ status: number; body: any }> {
  const req = buildRequest(path(), snodeDestination(dest()), rpcPayload(method, params), encType);
  const reply = await postOnion(path()[0], req.built.wire);
  assert.equal(reply.status, 200, reply.text);
  const v3 = decryptOnionResponseV3(reply.body, req.built.destinationKey, encType);
  return { status: v3.status, body: JSON.parse(v3.body) };
}

describe('onion requests through 3 hops to a 4th node', () => {
  for (const encType of ENC_TYPES) {
    it(`info (${encType}): the destination answers, encrypted to the client`, async () => {
      const before = await Promise.all([0, 1, 2, 3].map((i) => metric(i, i < 3 ? 'forwarded' : 'final')));
      const r = await viaPath('info', {}, encType);
      assert.equal(r.status, 200);
      assert.deepEqual(r.body.version, [2, 8, 0]);
      assert.ok(Math.abs(r.body.timestamp - Date.now()) < 60_000);
      const afterCounts = await Promise.all([0, 1, 2, 3].map((i) => metric(i, i < 3 ? 'forwarded' : 'final')));
      assert.deepEqual(afterCounts.map((n, i) => n - before[i]!), [1, 1, 1, 1], 'each hop forwarded once, the destination answered once');
    });

    it(`store then retrieve a real message (${encType})`, async () => {
      const user = makeUser(700 + encType.length);
      const data = Buffer.from(`onion message ${encType} ${Date.now()}`);
      const stored = await viaPath('store', storeParams(user, data, Date.now()), encType);
      assert.equal(stored.status, 200, JSON.stringify(stored.body));
      const hash = stored.body.hash as string;
      assert.deepEqual(Object.keys(stored.body.swarm).sort(), nodes.map((n) => n.ed25519).sort());
      const got = await viaPath('retrieve', retrieveParams(user, 0, Date.now()), encType);
      assert.equal(got.status, 200);
      const msgs = got.body.messages as Array<{ hash: string; data: string }>;
      assert.deepEqual(msgs.map((m) => m.hash), [hash]);
      assert.deepEqual(Buffer.from(msgs[0]!.data, 'base64'), data);
    });
  }

  it('an RPC error comes back encrypted with its status and text', async () => {
    const req = buildRequest(path(), snodeDestination(dest()), rpcPayload('no_such_method', {}), 'aes-gcm');
    const reply = await postOnion(path()[0], req.built.wire);
    assert.equal(reply.status, 200);
    const v3 = decryptOnionResponseV3(reply.body, req.built.destinationKey, 'aes-gcm');
    assert.deepEqual([v3.status, v3.body], [400, 'no method no_such_method']);
  });

  it('"json": true embeds the body as JSON; "base64": false answers raw bytes', async () => {
    const d = dest();
    const { wire, key } = handLayer(d, rpcPayload('info', {}), { headers: '', json: true, base64: false }, 'xchacha20');
    const reply = await postOnion(d, wire);
    assert.equal(reply.status, 200);
    assert.equal(reply.contentType, 'application/octet-stream');
    const plain = hopDecrypt('xchacha20', key, reply.body);
    assert.ok(plain !== null, 'raw reply decrypts');
    const json = JSON.parse(Buffer.from(plain).toString());
    assert.deepEqual(Object.keys(json), ['body', 'status']);
    assert.equal(json.status, 200);
    assert.deepEqual(json.body.version, [2, 8, 0]);
  });

  it('the default reply is base64 of ENC({"body": "<json string>", "status": 200})', async () => {
    const d = dest();
    const { wire, key } = handLayer(d, rpcPayload('info', {}), { headers: '' }, 'aes-gcm');
    const reply = await postOnion(d, wire);
    const plain = hopDecrypt('aes-gcm', key, fromBase64(reply.text, 'reply'));
    assert.ok(plain !== null);
    const json = JSON.parse(Buffer.from(plain).toString());
    assert.equal(typeof json.body, 'string');
    assert.deepEqual(JSON.parse(json.body).version, [2, 8, 0]);
  });
});

describe('onion path errors, as Session nodes answer them', () => {
  it('unknown next node → 502 "Next node not found: <ed25519 hex>" (plain)', async () => {
    const stranger = { ed25519: 'ab'.repeat(32), x25519: toHex(x25519Public(randomBytes(32))), port: 1 };
    const req = buildRequest([nodes[0]!, stranger], snodeDestination(dest()), rpcPayload('info', {}), 'xchacha20');
    const reply = await postOnion(nodes[0]!, req.built.wire);
    assert.deepEqual([reply.status, reply.text], [502, `Next node not found: ${'ab'.repeat(32)}`]);
    assert.ok((await metric(0, 'next_node_not_found')) >= 1);
  });

  it('a next node that never answers → 504 "Request time out" after the forward timeout', async () => {
    const req = buildRequest([nodes[0]!, blackholeNode], snodeDestination(dest()), rpcPayload('info', {}), 'aes-gcm');
    const started = Date.now();
    const reply = await postOnion(nodes[0]!, req.built.wire);
    assert.deepEqual([reply.status, reply.text], [504, 'Request time out']);
    assert.ok(Date.now() - started >= 1400, 'waited for the 1.5 s forward timeout');
  });

  it('garbage → 400 "Error parsing onion request: …"; a layer that does not decrypt → 400 "Invalid ciphertext"', async () => {
    for (const body of [Buffer.from('garbage'), Buffer.alloc(0), Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3])]) {
      const reply = await postOnion(nodes[0]!, body);
      assert.equal(reply.status, 400);
      assert.match(reply.text, /^Error parsing onion request: /);
    }
    const req = buildRequest(path(), snodeDestination(dest()), rpcPayload('info', {}), 'xchacha20');
    const wrongNode = await postOnion(nodes[1]!, req.built.wire); // encrypted to node 0, sent to node 1
    assert.deepEqual([wrongNode.status, wrongNode.text], [400, 'Invalid ciphertext']);
    const tampered = Buffer.from(req.built.wire);
    tampered[40] = tampered[40]! ^ 1;
    assert.deepEqual([(await postOnion(nodes[0]!, tampered)).text], ['Invalid ciphertext']);
    assert.ok((await metric(0, 'bad_layer')) >= 3);
    assert.ok((await metric(0, 'bad_ciphertext')) >= 1);
  });

  it('hop_no 16 → 400; hop_no 15 passes the entry and the next node refuses hop 16, relayed back', async () => {
    const req = buildRequest(path(), snodeDestination(dest()), rpcPayload('info', {}), 'xchacha20');
    const layer = parseLayer(req.built.wire);
    const at16 = encodeLayer(layer.payload, { ...layer.json, hop_no: 16 });
    assert.deepEqual([(await postOnion(nodes[0]!, at16)).status, (await postOnion(nodes[0]!, at16)).text], [400, 'onion request max path length exceeded']);
    const at15 = buildRequest(path(), snodeDestination(dest()), rpcPayload('info', {}), 'xchacha20', 15);
    const reply = await postOnion(nodes[0]!, at15.built.wire);
    assert.deepEqual([reply.status, reply.text], [400, 'onion request max path length exceeded']);
    assert.ok((await metric(1, 'max_hops')) >= 1, 'refused by the second hop');
  });

  it('bad inner JSON → encrypted 400 "Invalid json"; a disallowed server target → encrypted 400 "Invalid url"', async () => {
    const n = nodes[1]!;
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ destination: 'zz' }, 'Invalid json'],
      [{ destination: nodes[2]!.ed25519, ephemeral_key: '00'.repeat(32), enc_type: 'rot13' }, 'Invalid json'],
      [{ json: 'yes', headers: '' }, 'Invalid json'],
      [{ host: '127.0.0.1', target: '/oxen/v4/other', port: relayPort, protocol: 'http' }, 'Invalid url'],
      [{ host: '127.0.0.1', target: '/oxen/v4/lsrpc', port: relayPort, protocol: 'ftp' }, 'Invalid url'],
    ];
    for (const [control, text] of cases) {
      const { wire, key } = handLayer(n, utf8('x'), control, 'aes-gcm');
      const reply = await postOnion(n, wire);
      assert.equal(reply.status, 200, `${JSON.stringify(control)}: ${reply.text}`);
      const v3 = decryptOnionResponseV3(reply.body, key, 'aes-gcm');
      assert.deepEqual([v3.status, v3.body], [400, text], JSON.stringify(control));
    }
  });

  it('a body declared over 10 MiB is refused with 413 before it is read', async () => {
    const reply = await postOnion(nodes[0]!, Buffer.alloc(16), { headers: { 'content-length': String(10 * 1024 * 1024 + 1) } });
    assert.equal(reply.status, 413);
  });

  it('onion requests are not rate limited per IP (storage_rpc is)', async () => {
    const c = client(nodes[0]!.port);
    const rpc: number[] = [];
    for (let i = 0; i < 4; i++) rpc.push((await c.rpc('info', {})).status);
    c.close();
    assert.ok(rpc.includes(429), `storage_rpc statuses ${rpc}`);
    for (let i = 0; i < 4; i++) {
      const r = await viaPath('info', {}, 'aes-gcm');
      assert.equal(r.status, 200);
    }
  });
});

describe('relay to an HTTP server (v4)', () => {
  const serverDest = (port: number, target = '/oxen/v4/lsrpc') =>
    ({ type: 'server', host: '127.0.0.1', target, port, protocol: 'http', x25519: serverPk }) as const;

  for (const encType of ENC_TYPES) {
    it(`an allow-listed server gets the request and its v4 reply reaches the client (${encType})`, async () => {
      const v4 = encodeV4Request({ method: 'POST', endpoint: '/room/x/messages', headers: { 'content-type': 'application/json' } }, utf8('{"hello":1}'));
      const req = buildRequest(path(), serverDest(relayPort), v4, encType);
      const reply = await postOnion(path()[0], req.built.wire);
      assert.equal(reply.status, 200, reply.text);
      const res = decryptOnionResponseV4(reply.body, req.built.destinationKey, encType);
      assert.equal(res.code, 200);
      assert.deepEqual(JSON.parse(Buffer.from(res.body!).toString()), { path: '/oxen/v4/lsrpc', method: 'POST', endpoint: '/room/x/messages', body: '{"hello":1}' });
      assert.ok((await metric(2, 'relayed')) >= 1);
    });
  }

  it('a server not on the allowlist is refused: encrypted 403 under the last hop\'s layer key', async () => {
    const req = buildRequest(path(), serverDest(unlistedPort), encodeV4Request({ method: 'GET', endpoint: '/x' }), 'xchacha20');
    const reply = await postOnion(path()[0], req.built.wire);
    assert.equal(reply.status, 200);
    const v3 = decryptOnionResponseV3(reply.body, layerKey(req, 2, nodes[2]!, 'xchacha20'), 'xchacha20');
    assert.equal(v3.status, 403);
    assert.equal(v3.body, `Onion relay to 127.0.0.1:${unlistedPort} is not allowed by this node`);
    assert.ok((await metric(2, 'relay_refused')) >= 1);
  });

  it('a server that does not answer → 504 after the relay timeout; a closed port → 502 with the error code', async () => {
    const hang = buildRequest(path(), serverDest(blackholeHttpPort), encodeV4Request({ method: 'GET', endpoint: '/x' }), 'aes-gcm');
    const started = Date.now();
    const r1 = await postOnion(path()[0], hang.built.wire);
    assert.deepEqual([r1.status, r1.text], [504, 'Onion relay request timed out']);
    assert.ok(Date.now() - started >= 900);
    const closed = buildRequest(path(), serverDest(closedPort), encodeV4Request({ method: 'GET', endpoint: '/x' }), 'aes-gcm');
    const r2 = await postOnion(path()[0], closed.built.wire);
    assert.deepEqual([r2.status, r2.text], [502, 'Onion relay request failed: ECONNREFUSED']);
  });
});
