/**
 * What each node of an onion path can see (the privacy test). The nodes of a path run on
 * distinct loopback addresses (127.0.0.11–14, listening and connecting from their own address),
 * the client sends from 127.0.0.2, and each node records what it saw through the test-only
 * `onOnionHop` observer. Asserted:
 *   - the first hop sees the client's address but neither the destination nor the payload;
 *   - the middle hop sees neither the client's address nor the destination's payload;
 *   - the destination never sees the client's address;
 * and no node writes the client's address or the payload to its (debug-level) log.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decryptOnionResponseV3, utf8 } from '@hush/core';
import type { OnionHopRecord } from '../src/onion/hop-record.ts';
import { createServiceNode, type ServiceNode } from '../src/service-node.ts';
import { cleanupTmp, freePort, makeNodeDir, makeUser, retrieveParams, seedOf, storeParams, tmpDir, writeDevnet } from './helpers.ts';
import { buildRequest, containsAnyForm, postOnion, rpcPayload, snodeDestination, type HopNode } from './onion-helpers.ts';

const CLIENT_IP = '127.0.0.2';
const IPS = ['127.0.0.11', '127.0.0.12', '127.0.0.13', '127.0.0.14'];
const running: ServiceNode[] = [];
const hops: HopNode[] = [];
const seen = new Map<string, OnionHopRecord[]>();
const logFiles: string[] = [];

before(async () => {
  const dirs = await Promise.all(IPS.map((_, i) => makeNodeDir(seedOf(800 + i))));
  const ports = await Promise.all(IPS.map(() => freePort()));
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, dirs.map((d, i) => ({ identity: d.identity, port: ports[i]!, swarm: 0n, ip: IPS[i]! })));
  for (const [i, ip] of IPS.entries()) {
    const logFile = join(dirs[i]!.dir, 'node.log');
    logFiles.push(logFile);
    seen.set(ip, []);
    const node = createServiceNode(
      { dataDir: dirs[i]!.dir, host: ip, port: ports[i]!, outgoingAddress: ip, devnet, logLevel: 'debug', logFile },
      { onOnionHop: (r) => seen.get(ip)!.push({ ...r, plaintextSeen: r.plaintextSeen === null ? null : r.plaintextSeen.slice() }) },
    );
    await node.start();
    running.push(node);
    hops.push({ ed25519: dirs[i]!.identity.ed25519Hex, x25519: dirs[i]!.identity.x25519Hex, ip, port: ports[i]! });
  }
});

after(async () => {
  await Promise.all(running.map((n) => n.stop()));
  cleanupTmp();
});

const ip = (r: OnionHopRecord | undefined): string | null => (r?.remoteAddress ?? null)?.replace(/^::ffff:/, '') ?? null;

describe('what each hop of a path sees', () => {
  it('first hop: client address, not destination or payload; middle: neither; destination: never the client', async () => {
    const [first, middle, last, destination] = hops as [HopNode, HopNode, HopNode, HopNode];
    const user = makeUser(880);
    const marker = `private payload ${Date.now()} ${Math.random()}`;
    const req = buildRequest([first, middle, last], snodeDestination(destination), rpcPayload('store', storeParams(user, marker, Date.now())), 'xchacha20');
    const reply = await postOnion(first, req.built.wire, { localAddress: CLIENT_IP });
    assert.equal(reply.status, 200, reply.text);
    assert.equal(decryptOnionResponseV3(reply.body, req.built.destinationKey, 'xchacha20').status, 200);

    const [a] = seen.get(first.ip!)!;
    const [b] = seen.get(middle.ip!)!;
    const [c] = seen.get(last.ip!)!;
    const [d] = seen.get(destination.ip!)!;
    assert.ok(a && b && c && d, 'every node of the path handled the request once');
    const destinationNames = [destination.ed25519, destination.x25519, `${destination.ip}:${destination.port}`];
    const payloadForms = [marker, user.sessionId];

    // First hop: the client's address, the next hop's name; nothing of the destination or payload.
    assert.equal(ip(a), CLIENT_IP);
    assert.ok(a.forwardedTo!.startsWith(`${middle.ed25519}@${middle.ip}:`));
    for (const s of [...destinationNames, ...payloadForms]) assert.ok(!containsAnyForm(a.plaintextSeen!, s), `first hop saw ${s}`);

    // Middle hop: the previous hop's address, not the client's; no payload, no destination.
    assert.equal(ip(b), first.ip);
    assert.ok(b.forwardedTo!.startsWith(`${last.ed25519}@${last.ip}:`));
    for (const s of [CLIENT_IP, ...destinationNames, ...payloadForms]) assert.ok(!containsAnyForm(b.plaintextSeen!, s), `middle hop saw ${s}`);

    // Last hop names the destination (it must reach it) but sees neither client nor payload.
    assert.equal(ip(c), middle.ip);
    for (const s of [CLIENT_IP, ...payloadForms]) assert.ok(!containsAnyForm(c.plaintextSeen!, s), `last hop saw ${s}`);

    // Destination: the payload (so the checks above can fail), never the client's address.
    assert.equal(ip(d), last.ip);
    assert.ok(containsAnyForm(d.plaintextSeen!, marker), 'the destination reads the payload');
    assert.ok(!containsAnyForm(d.plaintextSeen!, CLIENT_IP));
    for (const r of [b, c, d]) assert.notEqual(ip(r), CLIENT_IP);
  });

  it('a retrieve through the path: the destination answers; no node logs the client or the payload', async () => {
    const [first, middle, last, destination] = hops as [HopNode, HopNode, HopNode, HopNode];
    const user = makeUser(880);
    const req = buildRequest([first, middle, last], snodeDestination(destination), rpcPayload('retrieve', retrieveParams(user, 0, Date.now())), 'aes-gcm');
    const reply = await postOnion(first, req.built.wire, { localAddress: CLIENT_IP });
    const v3 = decryptOnionResponseV3(reply.body, req.built.destinationKey, 'aes-gcm');
    assert.equal(v3.status, 200);
    const messages = JSON.parse(v3.body).messages as Array<{ data: string }>;
    assert.equal(messages.length, 1);
    const marker = Buffer.from(messages[0]!.data, 'base64').toString();
    for (const node of running) await node.stop(); // flush the log files
    running.length = 0;
    for (const file of logFiles) {
      const log = readFileSync(file);
      assert.ok(log.includes('"event":"onion"'), `${file} has onion lines at debug level`);
      for (const s of [CLIENT_IP, marker, user.sessionId]) assert.ok(!containsAnyForm(log, utf8(s)), `${file} logged ${s}`);
    }
  });
});
