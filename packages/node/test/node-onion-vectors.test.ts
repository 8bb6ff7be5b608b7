/**
 * The `onion_peel` conformance vectors (../shared/vectors/conformance.json, from libsession)
 * peeled by real nodes through their HTTPS `/onion_req/v2` handler. The vectors fix every hop's
 * X25519 secret key (and name the Ed25519 keys hops forward to) but give no Ed25519 seeds, so
 * these nodes run in this process with an injected test identity (`components.identity`): the
 * vector's X25519 keys and Ed25519 public key, and an unrelated Ed25519 secret (nothing here is
 * signed). An observer records what each hop did.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  asEd25519PublicKey,
  asEd25519SecretKey,
  asX25519PublicKey,
  asX25519SecretKey,
  decryptOnionResponseV3,
  fromHex,
  openServerOnionRequest,
  parseLayer,
  peelOnionLayer,
  signSeedKeypair,
  toHex,
} from '@hush/core';
import { identityFromSeed, type NodeIdentity } from '../src/identity.ts';
import { createServiceNode, type ServiceNode } from '../src/service-node.ts';
import type { OnionHopRecord } from '../src/onion/hop-record.ts';
import { cleanupTmp, freePort, makeNodeDir, seedOf, tmpDir, writeDevnet } from './helpers.ts';
import { postOnion, x25519Public } from './onion-helpers.ts';

interface PeelVector {
  readonly name: string;
  readonly input: { readonly request: string; readonly hop_x25519_sks: readonly string[] };
  readonly expect: {
    readonly forwarded_to: readonly string[];
    readonly final:
      | { readonly type: 'snode'; readonly control: Record<string, unknown>; readonly payload: string }
      | { readonly type: 'server'; readonly server: Record<string, unknown>; readonly payload: string };
  };
}

const VECTORS = new URL('../../../../shared/vectors/', import.meta.url);
const all = JSON.parse(readFileSync(new URL('conformance.json', VECTORS), 'utf8')) as { vectors: Array<PeelVector & { kind: string }> };
const vectors = all.vectors.filter((v) => v.kind === 'onion_peel');

/** A node identity with the vector's X25519 keys, named by the vector's Ed25519 key. */
function vectorIdentity(x25519SkHex: string, ed25519Hex: string, n: number): NodeIdentity {
  const x25519Sk = fromHex(x25519SkHex, 'x25519 sk', 32);
  const x25519Pk = x25519Public(x25519Sk);
  return {
    ed25519Pk: asEd25519PublicKey(fromHex(ed25519Hex, 'ed25519', 32)),
    ed25519Sk: asEd25519SecretKey(signSeedKeypair(seedOf(950 + n)).secretKey),
    x25519Pk: asX25519PublicKey(x25519Pk),
    x25519Sk: asX25519SecretKey(x25519Sk),
    ed25519Hex,
    x25519Hex: toHex(x25519Pk),
  };
}

const records = new Map<number, OnionHopRecord[]>();
const running: ServiceNode[] = [];
let ports: number[] = [];

before(async () => {
  const first = vectors[0]!;
  // Hop 0 is never named by the vectors; hops 1.. are named by forwarded_to.
  const names = [identityFromSeed(seedOf(940)).ed25519Hex, ...first.expect.forwarded_to];
  const identities = names.map((ed, i) => vectorIdentity(first.input.hop_x25519_sks[i]!, ed, i));
  ports = await Promise.all(identities.map(() => freePort()));
  const devnet = join(tmpDir(), 'devnet.json');
  writeDevnet(devnet, identities.map((identity, i) => ({ identity, port: ports[i]!, swarm: 0n })));
  for (const [i, identity] of identities.entries()) {
    const { dir } = await makeNodeDir(seedOf(960 + i));
    records.set(i, []);
    const node = createServiceNode(
      { dataDir: dir, port: ports[i]!, devnet, logLevel: 'error' },
      { identity, onOnionHop: (r) => records.get(i)!.push({ ...r, plaintextSeen: r.plaintextSeen === null ? null : r.plaintextSeen.slice() }) },
    );
    await node.start();
    running.push(node);
  }
});

after(async () => {
  await Promise.all(running.map((n) => n.stop()));
  cleanupTmp();
});

/** The reply key of the last node on the path, from core's peel (the vectors give no ephemeral secrets). */
function lastLayerKey(v: PeelVector, lastNode: number): { key: Uint8Array; encType: 'xchacha20' | 'aes-gcm' } {
  let wire: Uint8Array = fromHex(v.input.request, 'request');
  for (let i = 0; ; i++) {
    const sk = fromHex(v.input.hop_x25519_sks[i]!, 'sk', 32);
    const peeled = peelOnionLayer(wire, sk, x25519Public(sk));
    if (i === lastNode) return { key: peeled.replyKey, encType: peeled.encType };
    assert.equal(peeled.kind, 'forward');
    if (peeled.kind === 'forward') wire = peeled.nextWire;
  }
}

describe('onion_peel vectors through the nodes\' HTTPS handler', () => {
  assert.ok(vectors.length >= 3, 'the onion_peel vectors are there');
  for (const v of vectors) {
    it(v.name, async () => {
      for (const list of records.values()) list.length = 0;
      const reply = await postOnion({ port: ports[0]! }, fromHex(v.input.request, 'request'));
      assert.equal(reply.status, 200, reply.text);
      const f = v.expect.final;
      const forwarders = v.expect.forwarded_to.length;
      for (let i = 0; i < forwarders; i++) {
        const [r] = records.get(i)!;
        assert.equal(r?.outcome, 'forwarded', `hop ${i}`);
        assert.equal(r.forwardedTo, `${v.expect.forwarded_to[i]}@127.0.0.1:${ports[i + 1]}`);
      }
      const [last] = records.get(forwarders)!;
      assert.ok(last !== undefined && last.plaintextSeen !== null);
      const layer = parseLayer(last.plaintextSeen);
      const { key, encType } = lastLayerKey(v, forwarders);
      const answer = decryptOnionResponseV3(reply.body, key, encType);
      if (f.type === 'snode') {
        assert.equal(last.outcome, 'final');
        assert.deepEqual(layer.json, f.control);
        assert.equal(Buffer.from(layer.payload).toString(), f.payload);
        assert.equal(answer.status, 200);
        assert.deepEqual(JSON.parse(answer.body).version, [2, 8, 0]);
      } else {
        // The last node would relay to example.org, which is on no allowlist here: it refuses,
        // encrypted; what it would have sent is the whole layer, which the server key opens.
        assert.equal(last.outcome, 'relay_refused');
        const defaults: Record<string, unknown> = { port: 443, protocol: 'https' };
        for (const k of ['host', 'target', 'port', 'protocol']) assert.equal(layer.json[k] ?? defaults[k], f.server[k], k);
        const serverSk = fromHex(v.input.hop_x25519_sks[forwarders + 1]!, 'server sk', 32);
        const opened = openServerOnionRequest(last.plaintextSeen, serverSk, x25519Public(serverSk));
        assert.equal(Buffer.from(opened.payload).toString(), f.payload);
        assert.deepEqual([answer.status, answer.body], [403, 'Onion relay to example.org:443 is not allowed by this node']);
      }
      for (let i = forwarders + 1; i < running.length; i++) assert.equal(records.get(i)!.length, 0, `node ${i} not involved`);
    });
  }
});
