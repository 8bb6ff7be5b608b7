/**
 * The storage RPC of one service node, over real HTTPS on 127.0.0.1: what a Session client sees.
 * The node's list (static devnet file) has two swarms: ours (id 0) and a second one held by a
 * node that is never started, so accounts of that swarm get 421.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Agent, request } from 'node:https';
import { join } from 'node:path';
import { fromBase64, verifyDetached } from '@hush/core';
import {
  deleteAllResultSignedString,
  deleteAllSignedString,
  deleteResultSignedString,
  deleteSignedString,
  expireResultSignedString,
  expireSignedString,
  getExpiriesSignedString,
  messageHash,
  retrieveSignedString,
  storeSignedString,
} from '@hush/core';
import { silentLogger } from '../src/log/logger.ts';
import { createServiceNode, type ServiceNode } from '../src/service-node.ts';
import {
  cleanupTmp,
  client,
  fakeNode,
  freePort,
  makeNodeDir,

  retrieveParams,
  seedOf,
  storeParams,
  tmpDir,
  userInSwarm,
  writeDevnet,
  type Client,
  type User,
} from './helpers.ts';

const SWARM_A = 0n;
const SWARM_B = 0x8000000000000000n;

let node: ServiceNode;
let c: Client;
let offset = 0;
let alice: User;
let bob: User;
let stranger: User;
let nodeKey: Uint8Array;
let fakePort: number;

const now = (): number => Date.now() + offset;

function verifyNodeSig(sigB64: unknown, message: Uint8Array): boolean {
  return typeof sigB64 === 'string' && verifyDetached(fromBase64(sigB64, 'signature'), message, nodeKey);
}

before(async () => {
  const { dir, identity } = await makeNodeDir(seedOf(1));
  const port = await freePort();
  fakePort = await freePort();
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, [{ identity, port, swarm: SWARM_A }, fakeNode(1, fakePort, SWARM_B)]);
  node = createServiceNode({ dataDir: dir, port, devnet, metricsPort: 0 }, { logger: silentLogger(), clock: now });
  await node.start();
  nodeKey = Buffer.from(identity.ed25519Hex, 'hex');
  c = client(port);
  alice = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 0);
  bob = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 1000);
  stranger = userInSwarm(SWARM_B, [SWARM_A, SWARM_B], 0);
});

after(async () => {
  c?.close();
  await node?.stop();
  cleanupTmp();
});

describe('info and envelope', () => {
  it('info answers version, timestamp, t and hf', async () => {
    const r = await c.rpc('info', {});
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.version, [2, 8, 0]);
    assert.deepEqual(r.json.hf, [21, 0]);
    assert.ok(Math.abs(r.json.t - Date.now()) < 5000);
  });

  it('params is required even for info; malformed envelopes are 400 plain text', async () => {
    let r = await c.raw('{"method":"info"}');
    assert.equal(r.status, 400);
    assert.equal(r.text, 'invalid json: no `params` field');
    assert.match(String(r.headers['content-type']), /^text\/plain/);
    r = await c.raw('{"method":"info","params":{');
    assert.equal(r.status, 400);
    assert.equal(r.text, 'invalid json');
    r = await c.raw('{"method":7,"params":{}}');
    assert.equal(r.text, 'invalid json: no `method` field');
    r = await c.rpc('frobnicate', {});
    assert.equal(r.status, 400);
    assert.equal(r.text, 'no method frobnicate');
  });
});

describe('store and retrieve', () => {
  it('stores, returns the signed per-node result, and retrieves the message', async () => {
    const t = now();
    const r = await c.rpc('store', storeParams(alice, 'hello alice', t));
    assert.equal(r.status, 200);
    const hash = messageHash(Buffer.from(alice.sessionId, 'hex'), 0, Buffer.from('hello alice'));
    assert.equal(r.json.hash, hash);
    const mine = r.json.swarm[node.pubkeys.ed25519];
    assert.equal(mine.hash, hash);
    assert.equal(mine.expiry, t + 60_000);
    assert.ok(verifyNodeSig(mine.signature, Buffer.from(hash)), 'node signature over the hash');
    assert.deepEqual(r.json.hf, [21, 0]);
    assert.equal(typeof r.json.t, 'number');

    const got = await c.rpc('retrieve', retrieveParams(alice, 0, now()));
    assert.equal(got.status, 200);
    assert.equal(got.json.more, false);
    assert.deepEqual(got.json.messages, [{ hash, timestamp: t, expiration: t + 60_000, data: Buffer.from('hello alice').toString('base64') }]);
  });

  it('storing the same data again dedups (already: true) and keeps the later expiry', async () => {
    const t = now();
    await c.rpc('store', storeParams(bob, 'same', t, { ttl: 20_000 }));
    const r = await c.rpc('store', storeParams(bob, 'same', t, { ttl: 30_000 }));
    const mine = r.json.swarm[node.pubkeys.ed25519];
    assert.equal(mine.already, true);
    assert.equal(mine.expiry, t + 30_000);
  });

  it('private namespaces need a store signature; namespaces are separate', async () => {
    const t = now();
    let r = await c.rpc('store', storeParams(alice, 'profile', t, { ns: 2 }));
    assert.equal(r.status, 401);
    assert.equal(r.text, 'store: signature required to store to namespace 2');
    r = await c.rpc('store', storeParams(alice, 'profile', t, { ns: 2, signed: true }));
    assert.equal(r.status, 200);
    const ns2 = await c.rpc('retrieve', retrieveParams(alice, 2, now()));
    assert.deepEqual(
      ns2.json.messages.map((m: { data: string }) => m.data),
      [Buffer.from('profile').toString('base64')],
    );
    const ns0 = await c.rpc('retrieve', retrieveParams(alice, 0, now()));
    assert.ok(!ns0.json.messages.some((m: { data: string }) => m.data === Buffer.from('profile').toString('base64')));
  });

  it('TTL outside [10 s, 14 d] is 403; a timestamp 11 s ahead of the node is 406 with the node time', async () => {
    const t = now();
    let r = await c.rpc('store', storeParams(alice, 'x', t, { ttl: 9_999 }));
    assert.equal(r.status, 403);
    assert.equal(r.text, 'Provided expiry/TTL is not valid.');
    r = await c.rpc('store', storeParams(alice, 'x', t, { ttl: 14 * 86_400_000 + 1 }));
    assert.equal(r.status, 403);
    r = await c.rpc('store', storeParams(alice, 'x', t + 11_000));
    assert.equal(r.status, 406);
    assert.match(r.text, /^Timestamp error: check your clock \(node time: \d+\)$/);
  });
});

describe('authentication failures', () => {
  it('retrieve naming a namespace without a signature is 400 naming the field', async () => {
    const r = await c.rpc('retrieve', { pubkey: alice.sessionId, namespace: 0 });
    assert.equal(r.status, 400);
    assert.equal(r.text, "invalid request: Required field 'signature' missing");
  });

  it('retrieve with no namespace and no auth fields is 401', async () => {
    const r = await c.rpc('retrieve', { pubkey: alice.sessionId });
    assert.equal(r.status, 401);
    assert.equal(r.text, 'retrieve: request signature required');
  });

  it('a signature by another key is 401', async () => {
    const t = now();
    const r = await c.rpc('retrieve', { ...retrieveParams(alice, 0, t), signature: bob.sign(retrieveSignedString({ namespace: 0, timestamp: t })) });
    assert.equal(r.status, 401);
    assert.match(r.text, /^retrieve signature verification failed: signature does not verify/);
  });

  it('a pubkey_ed25519 that is not the account key is 401 naming it', async () => {
    const t = now();
    const r = await c.rpc('retrieve', { ...retrieveParams(bob, 0, t), pubkey: alice.sessionId });
    assert.equal(r.status, 401);
    assert.match(r.text, /pubkey_ed25519 does not match the account pubkey/);
  });

  it('a stale signature timestamp is 406', async () => {
    const r = await c.rpc('retrieve', retrieveParams(alice, 0, now() - 61_000));
    assert.equal(r.status, 406);
    assert.match(r.text, /^retrieve timestamp too far from current time/);
  });

  it('a signature for another namespace is 401', async () => {
    const t = now();
    const params = { ...retrieveParams(alice, 0, t), namespace: 2 };
    const r = await c.rpc('retrieve', params);
    assert.equal(r.status, 401);
    assert.match(r.text, /^retrieve signature verification failed/);
  });

  it('a malformed signature is 400 naming it', async () => {
    const r = await c.rpc('retrieve', { ...retrieveParams(alice, 0, now()), signature: 'abc' });
    assert.equal(r.status, 400);
    assert.equal(r.text, 'invalid request: invalid signature: expected base64 encoded Ed25519 signature');
  });

  it('a store signature for another namespace is 401', async () => {
    const t = now();
    const p = { ...storeParams(alice, 'y', t, { ns: 3 }), pubkey_ed25519: alice.edPkHex, signature: alice.sign(storeSignedString({ namespace: 2, timestamp: t })) };
    const r = await c.rpc('store', p);
    assert.equal(r.status, 401);
    assert.match(r.text, /^store signature verification failed/);
  });
});

describe('swarms', () => {
  it('an account of another swarm gets 421 with that swarm', async () => {
    const r = await c.rpc('store', storeParams(stranger, 'misdirected', now()));
    assert.equal(r.status, 421);
    assert.equal(r.json.swarm, '8000000000000000');
    assert.equal(r.json.snodes.length, 1);
    const sn = r.json.snodes[0];
    assert.equal(sn.port, String(fakePort));
    assert.equal(sn.port_https, fakePort);
    assert.equal(sn.ip, '127.0.0.1');
    assert.match(sn.address, /^[ybndrfg8ejkmcpqxot1uwisza345h769]{52}\.snode$/);
    assert.deepEqual(r.json.hf, [21, 0]);
    const g = await c.rpc('retrieve', retrieveParams(stranger, 0, now()));
    assert.equal(g.status, 421);
  });

  it('get_swarm (and its alias) name the owning swarm without auth', async () => {
    const r = await c.rpc('get_swarm', { pubkey: alice.sessionId });
    assert.equal(r.status, 200);
    assert.equal(r.json.swarm, '0000000000000000');
    assert.equal(r.json.snodes[0].pubkey_ed25519, node.pubkeys.ed25519);
    assert.equal(r.json.snodes[0].pubkey_x25519, node.pubkeys.x25519);
    const alias = await c.rpc('get_snodes_for_pubkey', { pubkey: stranger.sessionId });
    assert.equal(alias.json.swarm, '8000000000000000');
  });

  it('oxend_request get_service_nodes lists the nodes', async () => {
    const r = await c.rpc('oxend_request', { endpoint: 'get_service_nodes', params: { fields: { pubkey_ed25519: true, swarm: true } } });
    assert.equal(r.status, 200);
    assert.equal(r.json.result.service_node_states.length, 2);
    assert.deepEqual(Object.keys(r.json.result.service_node_states[0]).sort(), ['pubkey_ed25519', 'swarm']);
    const bad = await c.rpc('oxend_request', { endpoint: 'get_all_the_things' });
    assert.equal(bad.text, "invalid request: Invalid oxend endpoint 'get_all_the_things'");
  });
});

describe('paging', () => {
  let carol: User;
  const hashes: string[] = [];
  before(async () => {
    carol = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 2000);
    const t = now();
    for (let i = 0; i < 5; i++) {
      const r = await c.rpc('store', storeParams(carol, Buffer.alloc(1000, i + 1), t + i));
      hashes.push(r.json.hash);
    }
  });

  it('max_count pages with last_hash', async () => {
    const p1 = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { max_count: 2 }));
    assert.deepEqual(p1.json.messages.map((m: { hash: string }) => m.hash), hashes.slice(0, 2));
    assert.equal(p1.json.more, true);
    const p2 = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { max_count: 2, last_hash: hashes[1] }));
    assert.deepEqual(p2.json.messages.map((m: { hash: string }) => m.hash), hashes.slice(2, 4));
    assert.equal(p2.json.more, true);
    const p3 = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { max_count: 2, last_hash: hashes[3] }));
    assert.deepEqual(p3.json.messages.map((m: { hash: string }) => m.hash), hashes.slice(4));
    assert.equal(p3.json.more, false);
  });

  it('the same pages whatever the max_count (prepared per count up to a limit, stepped beyond), with max_size as well', async () => {
    const page = async (extra: Record<string, unknown>) => {
      const r = await c.rpc('retrieve', retrieveParams(carol, 0, now(), extra));
      return [r.json.messages.map((m: { hash: string }) => m.hash), r.json.more];
    };
    assert.deepEqual(await page({ max_count: 1 }), [hashes.slice(0, 1), true]);
    assert.deepEqual(await page({ max_count: 4 }), [hashes.slice(0, 4), true]);
    assert.deepEqual(await page({ max_count: 5 }), [hashes, false]);
    assert.deepEqual(await page({ max_count: 100 }), [hashes, false]);
    assert.deepEqual(await page({ max_count: 101 }), [hashes, false]);
    assert.deepEqual(await page({ max_count: 2_000_000_000 }), [hashes, false]);
    assert.deepEqual(await page({ max_count: -3 }), [hashes.slice(0, 1), true]);
    assert.deepEqual(await page({ max_count: 4, max_size: 3000 }), [hashes.slice(0, 2), true]);
    assert.deepEqual(await page({ max_count: 3, last_hash: hashes[2] }), [hashes.slice(3), false]);
  });

  it('max_size counts 100 + hash + data×4/3 per message and always returns one', async () => {
    // each message: 100 + 43 + 1333 = 1476 bytes
    const two = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { max_size: 3000 }));
    assert.equal(two.json.messages.length, 2);
    assert.equal(two.json.more, true);
    const one = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { max_size: 1 }));
    assert.equal(one.json.messages.length, 1);
    const all = await c.rpc('retrieve', retrieveParams(carol, 0, now()));
    assert.equal(all.json.messages.length, 5);
  });

  it('a last_hash of the wrong length is 400', async () => {
    const r = await c.rpc('retrieve', retrieveParams(carol, 0, now(), { last_hash: 'abc' }));
    assert.equal(r.status, 400);
    assert.equal(r.text, 'invalid request: Invalid last_hash: expected base64 (43 chars)');
  });
});

describe('expiry', () => {
  it('expired messages are never returned and are swept', async () => {
    const dave = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 3000);
    const r = await c.rpc('store', storeParams(dave, 'short-lived', now(), { ttl: 10_000 }));
    assert.equal(r.status, 200);
    assert.equal((await c.rpc('retrieve', retrieveParams(dave, 0, now()))).json.messages.length, 1);
    offset += 11_000;
    try {
      assert.equal((await c.rpc('retrieve', retrieveParams(dave, 0, now()))).json.messages.length, 0);
      assert.ok((await node.internals.sweepOnce()) >= 1);
    } finally {
      offset -= 11_000;
    }
    assert.equal((await c.rpc('retrieve', retrieveParams(dave, 0, now()))).json.messages.length, 0, 'swept for good');
  });

  it('a node whose clock is 30 s behind rejects a store stamped now with 406 carrying its time', async () => {
    offset -= 30_000;
    try {
      const real = Date.now();
      const r = await c.rpc('store', storeParams(alice, 'skew', real));
      assert.equal(r.status, 406);
      const m = /node time: (\d+)/.exec(r.text);
      assert.ok(m !== null);
      assert.ok(Math.abs(Number(m[1]) - (real - 30_000)) < 5000);
      assert.equal(Number(r.headers['x-hush-node-time']), Number(m[1]));
    } finally {
      offset += 30_000;
    }
  });
});

describe('delete, expire and get_expiries', () => {
  it('delete removes listed messages and signs the result; required + nothing deleted is 404', async () => {
    const erin = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 4000);
    const h = (await c.rpc('store', storeParams(erin, 'to delete', now()))).json.hash as string;
    const params = { pubkey: erin.sessionId, pubkey_ed25519: erin.edPkHex, messages: [h], signature: erin.sign(deleteSignedString({ messages: [h] })) };
    const r = await c.rpc('delete', params);
    assert.equal(r.status, 200);
    const mine = r.json.swarm[node.pubkeys.ed25519];
    assert.deepEqual(mine.deleted, [h]);
    assert.ok(verifyNodeSig(mine.signature, deleteResultSignedString({ pubkey: erin.sessionId, requested: [h], deleted: [h] })));
    const again = await c.rpc('delete', { ...params, required: true });
    assert.equal(again.status, 404);
    const bad = await c.rpc('delete', { ...params, messages: ['nope'] });
    assert.equal(bad.text, 'invalid request: invalid message hash: nope');
  });

  it('expire shortens, get_expiries reports, delete_all empties the namespace', async () => {
    const fay = userInSwarm(SWARM_A, [SWARM_A, SWARM_B], 5000);
    const t = now();
    const h = (await c.rpc('store', storeParams(fay, 'expiring', t, { ttl: 600_000 }))).json.hash as string;
    const newExpiry = t + 120_000;
    const ex = await c.rpc('expire', {
      pubkey: fay.sessionId,
      pubkey_ed25519: fay.edPkHex,
      messages: [h],
      expiry: newExpiry,
      shorten: true,
      signature: fay.sign(expireSignedString({ messages: [h], expiry: newExpiry, shorten: true })),
    });
    assert.equal(ex.status, 200);
    const mine = ex.json.swarm[node.pubkeys.ed25519];
    assert.deepEqual(mine.updated, [h]);
    assert.equal(mine.expiry, newExpiry);
    assert.deepEqual(mine.unchanged, {});
    assert.ok(verifyNodeSig(mine.signature, expireResultSignedString({ pubkey: fay.sessionId, expiry: newExpiry, requested: [h], updated: [h], unchanged: {} })));

    const ts = now();
    const ge = await c.rpc('get_expiries', {
      pubkey: fay.sessionId,
      pubkey_ed25519: fay.edPkHex,
      messages: [h],
      timestamp: ts,
      signature: fay.sign(getExpiriesSignedString({ timestamp: ts, messages: [h] })),
    });
    assert.equal(ge.status, 200);
    assert.deepEqual(ge.json, { expiries: { [h]: newExpiry } });

    const da = await c.rpc('delete_all', {
      pubkey: fay.sessionId,
      pubkey_ed25519: fay.edPkHex,
      namespace: 'all',
      timestamp: ts,
      signature: fay.sign(deleteAllSignedString({ namespace: 'all', timestamp: ts })),
    });
    assert.equal(da.status, 200);
    const d = da.json.swarm[node.pubkeys.ed25519];
    assert.deepEqual(d.deleted, { '0': [h] });
    assert.ok(verifyNodeSig(d.signature, deleteAllResultSignedString({ pubkey: fay.sessionId, timestamp: ts, deleted: [h] })));
    assert.equal((await c.rpc('retrieve', retrieveParams(fay, 0, now()))).json.messages.length, 0);
  });
});

describe('batch and sequence', () => {
  it('batch answers every sub-request in order with its own code', async () => {
    const t = now();
    const r = await c.rpc('batch', {
      requests: [
        { method: 'store', params: storeParams(bob, 'in a batch', t) },
        { method: 'retrieve', params: { pubkey: bob.sessionId } },
        { method: 'retrieve', params: retrieveParams(bob, 0, t) },
      ],
    });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.results.map((x: { code: number }) => x.code), [200, 401, 200]);
    assert.equal(r.json.results[1].body, 'retrieve: request signature required');
  });

  it('sequence stops after the first failure', async () => {
    const r = await c.rpc('sequence', { requests: [{ method: 'info', params: {} }, { method: 'retrieve', params: { pubkey: bob.sessionId } }, { method: 'info', params: {} }] });
    assert.equal(r.status, 200);
    assert.deepEqual(r.json.results.map((x: { code: number }) => x.code), [200, 401]);
  });

  it('malformed batches are 400 naming the problem', async () => {
    const info = { method: 'info', params: {} };
    let r = await c.rpc('batch', { requests: Array.from({ length: 21 }, () => info) });
    assert.equal(r.text, 'invalid request: Invalid batch request: subrequest limit exceeded');
    r = await c.rpc('batch', { requests: [{ method: 'batch', params: { requests: [info] } }] });
    assert.equal(r.text, 'invalid request: Invalid batch subrequest: subrequests may not contain meta-requests');
    r = await c.rpc('batch', { requests: [{ method: 'store', params: { pubkey: 'xx' } }] });
    assert.equal(r.status, 400);
    assert.match(r.text, /^invalid request: /);
    r = await c.rpc('batch', { requests: [] });
    assert.equal(r.text, 'invalid request: Invalid batch request: no valid "requests" field');
  });

  it('ifelse picks the branch from the hardfork', async () => {
    const r = await c.rpc('ifelse', { if: { hf_at_least: [21] }, then: { method: 'info', params: {} }, else: { method: 'get_swarm', params: { pubkey: alice.sessionId } } });
    assert.equal(r.status, 200);
    assert.equal(r.json.condition, true);
    assert.equal(r.json.result.code, 200);
    assert.deepEqual(r.json.result.body.version, [2, 8, 0]);
    const bad = await c.rpc('ifelse', { if: { hf_before: [21] }, then: { method: 'info', params: {} }, else: { method: 'retrieve', params: {} } });
    assert.equal(bad.status, 400, 'both branches are parsed up front');
  });
});

describe('hostile input', () => {
  it('wrong types, bad base64, bad pubkeys and oversized fields are 400 naming the problem', async () => {
    const t = now();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...storeParams(alice, 'x', t), timestamp: true }, "invalid request: Invalid value given for 'timestamp': expected integer"],
      [{ ...storeParams(alice, 'x', t), timestamp: 'soon' }, `invalid request: Invalid value given for 'timestamp': "soon"`],
      [{ ...storeParams(alice, 'x', t), data: 'not base64!' }, "invalid request: Invalid 'data' value: not base64 encoded"],
      [{ ...storeParams(alice, 'x', t), pubkey: '05abcd' }, 'invalid request: Pubkey must be 66 hex digits (33 bytes) long'],
      [{ ...storeParams(alice, 'x', t), namespace: 40_000 }, "invalid request: Invalid value given for 'namespace': value out of range"],
      [{ ...storeParams(alice, 'x', t), namespace: 1.5 }, "invalid request: Invalid value given for 'namespace': expected 16-bit integer"],
      [{ ...storeParams(alice, Buffer.alloc(76_801), t) }, 'invalid request: Message body exceeds maximum allowed length of 76800 bytes'],
      [{ pubkey: alice.sessionId, timestamp: t, data: '' }, "invalid request: Required field 'expiry' or 'ttl' missing"],
      [{ ...storeParams(alice, 'x', t), expiry: t + 20_000 }, "invalid request: Cannot specify both 'expiry' and 'ttl'"],
    ];
    for (const [params, text] of cases) {
      const r = await c.rpc('store', params);
      assert.equal(r.status, 400, `status for ${text}`);
      assert.equal(r.text, text);
    }
    const ok = await c.rpc('store', storeParams(alice, Buffer.alloc(76_800, 1), t));
    assert.equal(ok.status, 200, '76,800 bytes is allowed');
    assert.equal((await c.rpc('info', {})).status, 200);
  });

  it('a declared body over 10 MiB is 413 without being read; the node keeps serving', async () => {
    const r = await c.raw(Buffer.from('{}'), { headers: { 'content-length': String(11 * 1024 * 1024) } }).catch((e: Error) => e);
    if (!(r instanceof Error)) {
      assert.equal(r.status, 413);
      assert.equal(r.text, 'Request body too large');
    }
    assert.equal((await c.rpc('info', {})).status, 200);
  });

  it('a chunked body growing past 10 MiB is cut off with 413; the node keeps serving', async () => {
    const agent = new Agent({ keepAlive: false, rejectUnauthorized: false });
    const status = await new Promise<number | string>((resolve) => {
      const req = request({ host: '127.0.0.1', port: node.address.port, path: '/storage_rpc/v1', method: 'POST', agent, headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', (e) => resolve(e.message));
      const chunk = Buffer.alloc(1024 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 12) {
          sent++;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    agent.destroy();
    assert.ok(status === 413 || typeof status === 'string', `got ${status}`);
    assert.equal((await c.rpc('info', {})).status, 200);
  });

  it('node-to-node routes refuse unsigned requests', async () => {
    const r = await c.raw(JSON.stringify({ method: 'store', params: {} }), { path: '/swarm_rpc/v1' });
    assert.equal(r.status, 401);
    assert.match(r.text, /x-hush-node/);
    const p = await c.raw('{"messages":[]}', { path: '/swarm_push/v1', headers: { 'x-hush-node': 'ab'.repeat(32), 'x-hush-timestamp': String(Date.now()), 'x-hush-signature': 'A'.repeat(86) + '==' } });
    assert.equal(p.status, 401);
    assert.match(p.text, /unknown node/);
  });

  it('other routes: ping_test, get_stats, 404', async () => {
    const ping = await c.raw('', { path: '/ping_test/v1' });
    assert.equal(ping.status, 200);
    assert.equal(ping.headers['x-oxen-snode-pubkey'], Buffer.from(node.pubkeys.ed25519, 'hex').toString('base64'));
    const stats = await c.raw('', { path: '/get_stats/v1', method: 'GET' });
    assert.deepEqual(stats.json, { version: '2.8.0' });
    const nf = await c.raw('', { path: '/nope', method: 'GET' });
    assert.equal(nf.status, 404);
    assert.equal(nf.text, 'GET /nope Not Found');
  });
});

describe('operator endpoints', () => {
  const get = (path: string): Promise<{ status: number; text: string }> =>
    new Promise((resolve, reject) => {
      const a = node.metricsAddress!;
      httpRequest({ host: a.host, port: a.port, path }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      })
        .on('error', reject)
        .end();
    });

  it('GET /metrics counts requests by method and status', async () => {
    await c.rpc('info', {});
    const m = await get('/metrics');
    assert.equal(m.status, 200);
    assert.match(m.text, /hush_storage_requests_total\{method="info",status="200",origin="client"\} \d+/);
    assert.match(m.text, /hush_storage_requests_total\{method="store",status="421",origin="client"\} \d+/);
    assert.match(m.text, /# TYPE hush_stored_messages gauge/);
  });

  it('GET /status describes the node', async () => {
    const s = JSON.parse((await get('/status')).text);
    assert.equal(s.pubkey_ed25519, node.pubkeys.ed25519);
    assert.equal(s.ready, true);
    assert.equal(s.swarm, '0000000000000000');
    assert.ok(s.storage.messages >= 1);
  });
});

describe('lifecycle', () => {
  it('a node whose port is taken fails to start and releases what it opened', async () => {
    const { dir } = await makeNodeDir(seedOf(3));
    const clash = createServiceNode({ dataDir: dir, port: node.address.port }, { logger: silentLogger() });
    await assert.rejects(clash.start(), /EADDRINUSE/);
    const again = createServiceNode({ dataDir: dir, port: 0 }, { logger: silentLogger() });
    await again.start();
    assert.equal(again.status().not_ready_reason, 'no service node list yet');
    await again.stop();
  });
});

describe('rate limit', () => {
  it('a client past its token bucket gets 429', async () => {
    const { dir, identity } = await makeNodeDir(seedOf(2));
    const port = await freePort();
    const devnet = join(tmpDir(), 'devnet.json');
    writeDevnet(devnet, [{ identity, port, swarm: SWARM_A }]);
    const limited = createServiceNode({ dataDir: dir, port, devnet, rateLimitBucket: 3, rateLimitRate: 1 }, { logger: silentLogger() });
    await limited.start();
    const lc = client(port);
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++) codes.push((await lc.rpc('info', {})).status);
      assert.deepEqual(codes, [200, 200, 200, 429, 429]);
      const r = await lc.rpc('info', {});
      assert.equal(r.text, 'Too Many Requests\n');
    } finally {
      lc.close();
      await limited.stop();
    }
  });
});

