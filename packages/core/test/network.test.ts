import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { concatBytes, fromBase64, fromHex, fromUtf8, toHex, utf8 } from '../src/bytes.ts';
import { signSeedKeypair, verifyDetached } from '../src/crypto/sodium.ts';
import { HushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';
import { isMessageHash, messageHash } from '../src/network/message-hash.ts';
import {
  NAMESPACE,
  TTL_MAX_PRIVATE_MS,
  TTL_MAX_PUBLIC_MS,
  isNoAuthRetrieve,
  isPublicInbox,
  isPublicOutbox,
  isUnrevocable,
  maxTtlMs,
  namespaceSignaturePart,
  parseNamespace,
  parseNamespaceOrAll,
  storeNeedsAuth,
} from '../src/network/namespace.ts';
import { swarmSpace } from '../src/network/swarm-space.ts';
import { INVALID_SWARM_ID, formatSwarmId, parseSwarmId, selectSwarm, swarmForPubkey } from '../src/network/swarm-select.ts';
import {
  deleteAllSignedString,
  deleteBeforeSignedString,
  deleteSignedString,
  expireAllSignedString,
  expireSignedString,
  getExpiriesSignedString,
  monitorSignedString,
  retrieveSignedString,
  revokeSubaccountSignedString,
  storeSignedString,
  unrevokeSubaccountSignedString,
} from '../src/network/signed-strings.ts';
import {
  deleteAllResultSignedString,
  deleteBeforeResultSignedString,
  deleteResultSignedString,
  expireAllResultSignedString,
  expireResultSignedString,
  revokeSubaccountResultSignedString,
  storeResultSignedString,
  unrevokeSubaccountResultSignedString,
} from '../src/network/signed-result-strings.ts';

const VECTORS = new URL('../../../../shared/vectors/', import.meta.url);
interface ConformanceVector {
  name: string;
  kind: string;
  input: Record<string, unknown>;
  expect: Record<string, unknown>;
}
const conformance = JSON.parse(readFileSync(new URL('conformance.json', VECTORS), 'utf8')) as { vectors: ConformanceVector[] };
const network = JSON.parse(readFileSync(new URL('session-network-vectors.json', VECTORS), 'utf8')) as {
  vectors: Array<Record<string, any>>;
};
const netVector = (name: string): Record<string, any> => {
  const v = network.vectors.find((x) => x.name === name);
  assert.ok(v, `vector ${name} present`);
  return v;
};
const ofKind = (kind: string) => conformance.vectors.filter((v) => v.kind === kind);
const text = (bytes: Uint8Array) => fromUtf8(bytes);

function throwsCode(fn: () => unknown, code: HushErrorCode): void {
  assert.throws(fn, (e: unknown) => e instanceof HushError && e.code === code, `expected ${code}`);
}

// ---- message hash ----

test('message hash: conformance vectors (ns 0, 5, -10)', () => {
  const vs = ofKind('message_hash');
  assert.equal(vs.length, 3);
  for (const v of vs) {
    const hash = messageHash(fromHex(v.input['pubkey'], 'pubkey', 33), v.input['namespace'] as number, fromBase64(v.input['data_b64'], 'data'));
    assert.equal(hash, v.expect['hash'], v.name);
    assert.equal(hash.length, 43);
    assert.ok(isMessageHash(hash));
  }
});

test('message hash: free-form vectors agree, timestamps are not hashed, bad inputs rejected', () => {
  const v0 = netVector('message_hash.namespace_0');
  const pk = fromHex(v0['inputs'].pubkey, 'pubkey', 33);
  const data = fromBase64(v0['inputs'].data_b64, 'data');
  assert.equal(messageHash(pk, 0, data), v0['expected'].hash);
  for (const e of netVector('message_hash.nonzero_namespaces')['expected']) assert.equal(messageHash(pk, e.namespace, data), e.hash);
  throwsCode(() => messageHash(pk.subarray(1), 0, data), 'HUSH_ERR_BAD_LENGTH');
  throwsCode(() => messageHash(pk, 40000, data), 'HUSH_ERR_BAD_NAMESPACE');
  assert.equal(isMessageHash('x'.repeat(42)), false);
  assert.equal(isMessageHash(`${'A'.repeat(42)}-`), false);
});

// ---- namespaces ----

test('namespaces: int16 parsing and the rules of §4', () => {
  assert.equal(parseNamespace(32767), 32767);
  assert.equal(parseNamespace(-32768), -32768);
  assert.equal(parseNamespace(5n), 5);
  assert.ok(Object.is(parseNamespace(-0), 0));
  for (const bad of [32768, -32769, 1.5, '5', null, undefined, Number.NaN, 2n ** 20n]) {
    throwsCode(() => parseNamespace(bad, 'namespace'), 'HUSH_ERR_BAD_NAMESPACE');
  }
  assert.equal(parseNamespaceOrAll('all'), 'all');
  throwsCode(() => parseNamespaceOrAll('ALL'), 'HUSH_ERR_BAD_NAMESPACE');
  assert.deepEqual([0, 5, -10, 'all' as const].map(namespaceSignaturePart), ['', '5', '-10', 'all']);

  for (const ns of [0, 10, -30, 400, -1230]) assert.ok(isPublicInbox(ns), `${ns} public inbox`);
  for (const ns of [2, 5, -1, 11, -11]) assert.ok(!isPublicInbox(ns) && storeNeedsAuth(ns), `${ns} private`);
  for (const ns of [-1, -21, -41, -981]) assert.ok(isPublicOutbox(ns), `${ns} public outbox`);
  for (const ns of [1, 21, -11, -2, -20, 0]) assert.ok(!isPublicOutbox(ns), `${ns} not outbox`);
  for (const ns of [-10, -1, -21]) assert.ok(isNoAuthRetrieve(ns), `${ns} no-auth retrieve`);
  for (const ns of [0, 2, -11, -20]) assert.ok(!isNoAuthRetrieve(ns), `${ns} needs auth`);
  for (const ns of [-11, -111, -211, -12311]) assert.ok(isUnrevocable(ns), `${ns} unrevocable`);
  for (const ns of [11, -12, -1, -110]) assert.ok(!isUnrevocable(ns), `${ns} revocable`);
  assert.equal(maxTtlMs(NAMESPACE.USER_MESSAGES), 14 * 86_400_000);
  assert.equal(maxTtlMs(NAMESPACE.USER_PROFILE), 30 * 86_400_000);
  assert.equal(TTL_MAX_PUBLIC_MS, 1_209_600_000);
  assert.equal(TTL_MAX_PRIVATE_MS, 2_592_000_000);
  assert.equal(NAMESPACE.REVOKED_RETRIEVABLE_GROUP_MESSAGES, -11);
  assert.ok(isUnrevocable(NAMESPACE.REVOKED_RETRIEVABLE_GROUP_MESSAGES));
});

// ---- swarms ----

test('swarm space: all free-form vectors, 32- and 33-byte forms agree', () => {
  const cases = netVector('swarm_space.pubkey_to_swarm_space')['inputs_outputs'] as Array<{ pubkey: string; swarm_space: string }>;
  assert.equal(cases.length, 11);
  for (const c of cases) {
    const pk = fromHex(c.pubkey, 'pubkey', 33);
    assert.equal(swarmSpace(pk), BigInt(c.swarm_space), c.pubkey);
    assert.equal(swarmSpace(pk.subarray(1)), BigInt(c.swarm_space));
  }
  const auth = netVector('auth.request_signatures');
  assert.equal(swarmSpace(fromHex(auth['inputs'].session_id_05_x25519, 'pk', 33)), BigInt(auth['derived_extra'].swarm_space_of_session_id));
  throwsCode(() => swarmSpace(new Uint8Array(31)), 'HUSH_ERR_BAD_LENGTH');
});

test('swarm selection: all 27 conformance vectors', () => {
  const vs = ofKind('swarm_for_pubkey');
  assert.equal(vs.length, 27);
  for (const v of vs) {
    const ids = (v.input['swarm_ids'] as string[]).map((s) => BigInt(s));
    assert.equal(swarmForPubkey(fromHex(v.input['pubkey'], 'pubkey', 33), ids), BigInt(v.expect['swarm_id'] as string), v.name);
  }
});

test('swarm selection: free-form vectors incl. added swarms near 2^64 and 0', () => {
  const v = netVector('swarm_selection.get_swarm_by_pk');
  const base = (v['inputs'].swarm_ids as string[]).map((s) => BigInt(s));
  for (const e of v['expected']) assert.equal(swarmForPubkey(fromHex(e.pubkey, 'pk', 33), base), BigInt(e.swarm), e.pubkey);
  let n = 0;
  for (const extra of v['additional_cases']) {
    const ids = (extra.swarm_ids_after_adding as string[]).map((s) => BigInt(s));
    for (const e of extra.expected) {
      assert.equal(swarmForPubkey(fromHex(e.pubkey, 'pk', 33), ids), BigInt(e.swarm), e.pubkey);
      n++;
    }
  }
  assert.equal(n, 5);
});

test('swarm selection: ties go left, wraparound, order-independence, single and empty lists', () => {
  assert.equal(selectSwarm(150n, [200n, 100n]), 100n); // equidistant: left
  assert.equal(selectSwarm(151n, [100n, 200n]), 200n);
  const top = 2n ** 64n - 10n;
  assert.equal(selectSwarm(0n, [10n, top]), top); // 10 either way round the ring: left (the wrapped one)
  assert.equal(selectSwarm(1n, [10n, top]), 10n);
  assert.equal(selectSwarm(2n ** 64n - 1n, [10n, top]), top);
  assert.equal(selectSwarm(123n, [7n]), 7n);
  assert.equal(selectSwarm(5n, [7n, 7n, 9n]), 7n);
  assert.equal(selectSwarm(2n ** 64n - 1n, [100n, INVALID_SWARM_ID]), 100n); // the unassigned marker is not a swarm
  throwsCode(() => selectSwarm(1n, []), 'HUSH_ERR_NO_SWARMS');
  throwsCode(() => selectSwarm(1n, [INVALID_SWARM_ID]), 'HUSH_ERR_NO_SWARMS');
  throwsCode(() => selectSwarm(1n, [-1n]), 'HUSH_ERR_BAD_ARGUMENT');
  throwsCode(() => selectSwarm(2n ** 64n, [1n]), 'HUSH_ERR_BAD_ARGUMENT');
  fc.assert(
    fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.array(fc.bigInt({ min: 0n, max: 2n ** 64n - 2n }), { minLength: 1, maxLength: 12 }), (space, ids) => {
      const chosen = selectSwarm(space, ids);
      assert.equal(selectSwarm(space, [...ids].reverse()), chosen);
      const dist = (id: bigint) => {
        const d = (id - space) & (2n ** 64n - 1n);
        const e = (space - id) & (2n ** 64n - 1n);
        return d < e ? d : e;
      };
      for (const id of ids) assert.ok(dist(chosen) <= dist(id)); // nothing is strictly closer
    }),
    { numRuns: 200 },
  );
});

test('swarm ids: 16-digit lower-case hex out, padded or unpadded hex in', () => {
  assert.equal(formatSwarmId(0n), '0000000000000000');
  assert.equal(formatSwarmId(0x1234abcdn), '000000001234abcd');
  assert.equal(formatSwarmId(INVALID_SWARM_ID), 'ffffffffffffffff');
  assert.equal(parseSwarmId('1234abcd'), 0x1234abcdn);
  assert.equal(parseSwarmId('000000001234ABCD'), 0x1234abcdn);
  assert.equal(parseSwarmId('ffffffffffffffff'), INVALID_SWARM_ID);
  for (const bad of ['', '0x12', '10000000000000000', ' 12', 12, null]) throwsCode(() => parseSwarmId(bad), 'HUSH_ERR_BAD_HEX');
  throwsCode(() => formatSwarmId(2n ** 64n), 'HUSH_ERR_BAD_ARGUMENT');
  fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (id) => parseSwarmId(formatSwarmId(id)) === id), { numRuns: 100 });
});

// ---- signed strings ----

const auth = netVector('auth.request_signatures');
const authPk = fromHex(auth['inputs'].ed25519_pubkey, 'ed pk', 32);
const authCase = (name: string) => (auth['expected'] as Array<{ case: string; signed_string: string; sig_b64: string }>).find((c) => c.case.startsWith(name))!;

test('signed strings: vectors reproduced byte for byte, and their signatures verify over our bytes', () => {
  assert.equal(toHex(signSeedKeypair(fromHex(auth['inputs'].ed25519_seed, 'seed', 32)).publicKey), auth['inputs'].ed25519_pubkey);
  const built: Array<[string, Uint8Array]> = [
    ['retrieve namespace 0', retrieveSignedString({ namespace: 0, timestamp: 1700000000000 })],
    ['retrieve namespace 2', retrieveSignedString({ namespace: 2, timestamp: 1700000000000 })],
    ['store namespace 3', storeSignedString({ namespace: 3, timestamp: 1700000000000 })],
    ['delete_all namespace all', deleteAllSignedString({ namespace: 'all', timestamp: 1700000000000 })],
    [
      'monitor.messages',
      monitorSignedString({ account: auth['inputs'].session_id_05_x25519, timestamp: 1700000000, wantData: true, namespaces: [0, 2, 3, 4, 5] }),
    ],
  ];
  for (const [name, bytes] of built) {
    const c = authCase(name);
    assert.equal(text(bytes), c.signed_string, name);
    assert.ok(verifyDetached(fromBase64(c.sig_b64, 'sig'), bytes, authPk), `${name}: vector signature verifies`);
  }
  // Two vectors use illustrative short hashes ("hash1", "hashA"); real requests carry 43-char hashes and we refuse others.
  throwsCode(() => deleteSignedString({ messages: ['hash1', 'hash2'] }), 'HUSH_ERR_BAD_ARGUMENT');
  throwsCode(() => getExpiriesSignedString({ timestamp: 1700000000000, messages: ['hashA'] }), 'HUSH_ERR_BAD_ARGUMENT');
});

const H1 = `${'A'.repeat(42)}1`;
const H2 = `${'B'.repeat(42)}2`;
const H3 = `${'+'.repeat(42)}/`;
const ACCOUNT = '05f1e8b64bbf761edf8f7b47e3a1f369985644cce0a62adb8e21604474bdd49627';
const TOKEN1 = new Uint8Array(36).fill(0xab);
const TOKEN2 = Uint8Array.from({ length: 36 }, (_, i) => i);

test('signed strings: every request method, from the spec text', () => {
  assert.equal(text(storeSignedString({ namespace: 0, timestamp: 1700000000123 })), 'store1700000000123');
  assert.equal(text(storeSignedString({ namespace: -11, timestamp: 1 })), 'store-111');
  assert.equal(text(retrieveSignedString({ namespace: -10, timestamp: 1700000000000 })), 'retrieve-101700000000000');
  assert.equal(text(deleteSignedString({ messages: [H2, H1] })), `delete${H2}${H1}`); // request order kept
  assert.equal(text(deleteAllSignedString({ namespace: 0, timestamp: 5 })), 'delete_all5');
  assert.equal(text(deleteAllSignedString({ namespace: 12, timestamp: 5 })), 'delete_all125');
  assert.equal(text(deleteBeforeSignedString({ namespace: 'all', before: 1699999999999 })), 'delete_beforeall1699999999999');
  assert.equal(text(deleteBeforeSignedString({ namespace: 0, before: 7 })), 'delete_before7');
  assert.equal(text(expireAllSignedString({ namespace: 3, expiry: 1700000000000 })), 'expire_all31700000000000');
  assert.equal(text(expireSignedString({ messages: [H1, H2], expiry: 1700000000000 })), `expire1700000000000${H1}${H2}`);
  assert.equal(text(expireSignedString({ messages: [H1], expiry: 9, shorten: true })), `expireshorten9${H1}`);
  assert.equal(text(expireSignedString({ messages: [H1], expiry: 9, extend: true, shorten: false })), `expireextend9${H1}`);
  assert.equal(text(expireSignedString({ messages: [H1, H2], expiry: [11, 22] })), `expire1122${H1}${H2}`);
  assert.equal(text(getExpiriesSignedString({ timestamp: 1700000000000, messages: [H1, H3] })), `get_expiries1700000000000${H1}${H3}`);
  assert.deepEqual(
    revokeSubaccountSignedString({ timestamp: 42, tokens: [TOKEN1, TOKEN2] }),
    concatBytes(utf8('revoke_subaccount42'), TOKEN1, TOKEN2),
  );
  assert.deepEqual(unrevokeSubaccountSignedString({ timestamp: 42, tokens: [TOKEN2] }), concatBytes(utf8('unrevoke_subaccount42'), TOKEN2));
  assert.equal(
    text(monitorSignedString({ account: ACCOUNT.toUpperCase(), timestamp: 1700000000, wantData: false, namespaces: [-11, 11] })),
    `MONITOR${ACCOUNT}17000000000-11,11`,
  );
});

test('signed strings: malformed requests are refused with the field named', () => {
  const field = (fn: () => unknown, code: HushErrorCode, name: string) =>
    assert.throws(fn, (e: unknown) => e instanceof HushError && e.code === code && String(e.details['field']).startsWith(name), name);
  field(() => storeSignedString({ namespace: 0, timestamp: -1 }), 'HUSH_ERR_BAD_ARGUMENT', 'timestamp');
  field(() => storeSignedString({ namespace: 0, timestamp: 1.5 }), 'HUSH_ERR_BAD_ARGUMENT', 'timestamp');
  field(() => retrieveSignedString({ namespace: 99999, timestamp: 1 }), 'HUSH_ERR_BAD_NAMESPACE', 'namespace');
  field(() => deleteSignedString({ messages: [] }), 'HUSH_ERR_BAD_ARGUMENT', 'messages');
  field(() => deleteSignedString({ messages: [H1, 'short'] }), 'HUSH_ERR_BAD_ARGUMENT', 'messages[1]');
  field(() => expireSignedString({ messages: [H1], expiry: 1, shorten: true, extend: true }), 'HUSH_ERR_BAD_ARGUMENT', 'shorten');
  field(() => expireSignedString({ messages: [H1, H2, H3], expiry: [1, 2] }), 'HUSH_ERR_BAD_ARGUMENT', 'expiry');
  field(() => revokeSubaccountSignedString({ timestamp: 1, tokens: Array.from({ length: 51 }, () => TOKEN1) }), 'HUSH_ERR_BAD_ARGUMENT', 'tokens');
  field(() => revokeSubaccountSignedString({ timestamp: 1, tokens: [new Uint8Array(35)] }), 'HUSH_ERR_BAD_ARGUMENT', 'tokens[0]');
  field(() => monitorSignedString({ account: ACCOUNT, timestamp: 1, wantData: true, namespaces: [2, 2] }), 'HUSH_ERR_BAD_NAMESPACE', 'namespaces[1]');
  field(() => monitorSignedString({ account: ACCOUNT.slice(2), timestamp: 1, wantData: true, namespaces: [0] }), 'HUSH_ERR_BAD_ARGUMENT', 'account');
});

test('result signed strings: what each node signs, from the spec text', () => {
  assert.equal(text(storeResultSignedString(H1)), H1);
  throwsCode(() => storeResultSignedString('nope'), 'HUSH_ERR_BAD_ARGUMENT');
  // delete: requested hashes in request order, deleted ones sorted
  assert.equal(text(deleteResultSignedString({ pubkey: ACCOUNT, requested: [H2, H1, H3], deleted: [H2, H1] })), `${ACCOUNT}${H2}${H1}${H3}${H1}${H2}`);
  // delete_all over "all": hashes of every namespace merged into one sorted list
  assert.equal(
    text(deleteAllResultSignedString({ pubkey: ACCOUNT, timestamp: 1700000000000, deleted: { '0': [H2], '5': [H3, H1] } })),
    `${ACCOUNT}1700000000000${H3}${H1}${H2}`,
  );
  assert.equal(text(deleteAllResultSignedString({ pubkey: ACCOUNT, timestamp: 3, deleted: [] })), `${ACCOUNT}3`);
  assert.equal(text(deleteBeforeResultSignedString({ pubkey: ACCOUNT, before: 77, deleted: [H2, H1] })), `${ACCOUNT}77${H1}${H2}`);
  assert.equal(text(expireAllResultSignedString({ pubkey: ACCOUNT, expiry: 88, updated: [H1] })), `${ACCOUNT}88${H1}`);
  // expire single: expiry || requested || updated (sorted) || unchanged (by hash: hash || expiry)
  assert.equal(
    text(expireResultSignedString({ pubkey: ACCOUNT, expiry: 100, requested: [H2, H1, H3], updated: [H2], unchanged: { [H1]: 50, [H3]: 60 } })),
    `${ACCOUNT}100${H2}${H1}${H3}${H2}${H3}60${H1}50`,
  );
  // expire multi: applied expiries follow the hash-sorted updated list
  assert.equal(
    text(expireResultSignedString({ pubkey: ACCOUNT, expiry: [200, 100], requested: [H2, H1], updated: [H2, H1] })),
    `${ACCOUNT}100200${H2}${H1}${H1}${H2}`,
  );
  throwsCode(() => expireResultSignedString({ pubkey: ACCOUNT, expiry: [1], requested: [H1], updated: [] }), 'HUSH_ERR_BAD_ARGUMENT');
  assert.deepEqual(
    revokeSubaccountResultSignedString({ pubkey: ACCOUNT, timestamp: 9, tokens: [TOKEN2] }),
    concatBytes(utf8(`${ACCOUNT}9`), TOKEN2),
  );
  assert.deepEqual(
    unrevokeSubaccountResultSignedString({ pubkey: ACCOUNT.toUpperCase(), timestamp: 9, tokens: [TOKEN1, TOKEN2] }),
    concatBytes(utf8(`${ACCOUNT}9`), TOKEN1, TOKEN2),
  );
});
