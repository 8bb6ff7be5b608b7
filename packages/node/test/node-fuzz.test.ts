/**
 * Hostile input never crashes the RPC layer: random envelopes and random params (with field names
 * the methods read, values of every JSON type, and near-valid keys, hashes and timestamps) always
 * get a deliberate answer — never a 500 from an unexpected exception, never a throw.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { silentLogger } from '../src/log/logger.ts';
import { processRequest } from '../src/rpc/dispatch.ts';
import { methodNames } from '../src/rpc/methods.ts';
import type { RpcContext } from '../src/rpc/context.ts';
import { createMessageStore, type MessageStore } from '../src/storage/message-store.ts';
import { createMembership } from '../src/swarm/membership.ts';
import { staticProxy } from '../src/swarm/oxend-proxy.ts';
import { buildSwarmView } from '../src/swarm/swarm-view.ts';
import { identityFromSeed } from '../src/identity.ts';
import { cleanupTmp, makeUser, seedOf, tmpDir } from './helpers.ts';

let store: MessageStore;
let ctx: RpcContext;
const ALLOWED = new Set([200, 400, 401, 403, 404, 406, 421]);

before(async () => {
  store = createMessageStore({ dataDir: tmpDir(), logger: silentLogger() });
  await store.start();
  const identity = identityFromSeed(seedOf(700));
  const other = identityFromSeed(seedOf(701));
  const m = createMembership(identity.ed25519Hex);
  m.update(
    buildSwarmView(
      [
        { ed25519Hex: identity.ed25519Hex, x25519Hex: identity.x25519Hex, ip: '127.0.0.1', port: 1, swarmId: 0n },
        { ed25519Hex: other.ed25519Hex, x25519Hex: other.x25519Hex, ip: '127.0.0.1', port: 2, swarmId: 0x8000000000000000n },
      ],
      { height: 1, blockHash: '00', hf: [21, 0] },
    ),
  );
  const proxy = staticProxy(() => m.view());
  ctx = {
    clock: Date.now,
    identity,
    store,
    swarm: m,
    logger: silentLogger(),
    fanout: async () => [],
    oxend: (e, p) => proxy(ctx, e, p),
  };
});

after(async () => {
  await store.stop();
  cleanupTmp();
});

const user = makeUser(1);
const FIELDS = [
  'pubkey', 'pubKey', 'pubkey_ed25519', 'signature', 'timestamp', 'sig_timestamp', 'ttl', 'expiry', 'data', 'namespace',
  'messages', 'last_hash', 'lastHash', 'max_count', 'max_size', 'required', 'shorten', 'extend', 'before', 'subaccount',
  'subaccount_sig', 'requests', 'endpoint', 'params', 'if', 'then', 'else', 'revoke', 'unrevoke',
];

const nearValid = fc.oneof(
  fc.constant(user.sessionId),
  fc.constant(user.edPkHex),
  fc.constant('03' + user.sessionId.slice(2)),
  fc.constant('A'.repeat(43)),
  fc.constant('A'.repeat(86)),
  fc.constant('A'.repeat(48)),
  fc.constant('all'),
  fc.constant(Date.now()),
  fc.constant(Date.now() + 30_000),
  fc.integer({ min: -40_000, max: 40_000 }),
  fc.constant(['A'.repeat(43), 'B'.repeat(43)]),
  fc.constant([{ method: 'info', params: {} }]),
  fc.constant({ method: 'store', params: {} }),
  fc.constant({ hf_at_least: [21] }),
  fc.base64String({ maxLength: 200 }),
);

const params = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(nearValid, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 10 });

describe('hostile requests', () => {
  it('random params for every method get a deliberate answer', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames(), 'nope', ''), params, async (method, p) => {
        const { response } = await processRequest(ctx, JSON.stringify({ method, params: p }), 'client');
        assert.ok(ALLOWED.has(response.status), `status ${response.status} for ${method} ${JSON.stringify(p).slice(0, 300)}: ${JSON.stringify(response.body).slice(0, 300)}`);
      }),
      { numRuns: 300 },
    );
  });

  it('random bytes and envelopes are 400, forwarded ones too', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v) ?? '')), fc.boolean(), async (text, forwarded) => {
        const { response } = await processRequest(ctx, text, forwarded ? 'forwarded' : 'client');
        assert.ok(ALLOWED.has(response.status), `status ${response.status} for ${text.slice(0, 200)}`);
      }),
      { numRuns: 200 },
    );
  });
});
