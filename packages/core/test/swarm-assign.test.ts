import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isHushError } from '../src/errors.ts';
import type { HushErrorCode } from '../src/errors.ts';
import { createPrng } from '../src/swarm/prng.ts';
import type { Prng } from '../src/swarm/prng.ts';
import {
  MAX_SWARM_ID,
  MAX_SWARM_NODES,
  MAX_SWARM_SIZE,
  MIN_SWARM_SIZE,
  UNASSIGNED_SWARM_ID,
  assignSwarms,
  newSwarmId,
} from '../src/swarm/assign.ts';
import { swarmSizes } from '../src/swarm/swarm-sizes.ts';
import { selectSwarm } from '../src/network/swarm-select.ts';
import { swarmSpace } from '../src/network/swarm-space.ts';
import { fromHex } from '../src/bytes.ts';

const U64 = 2n ** 64n;

// ------------------------------------------------------------------ helpers

function randomHex64(rng: Prng): string {
  return Array.from({ length: 4 }, () => rng.nextU64().toString(16).padStart(16, '0')).join('');
}

function randomKeys(rng: Prng, n: number): string[] {
  return Array.from({ length: n }, () => randomHex64(rng));
}

function shuffled<T>(items: readonly T[], rng: Prng): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.uniform(i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function throwsCode(fn: () => unknown, code: HushErrorCode, field?: string): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(isHushError(err, code), `expected ${code}, got ${String(err)}`);
    if (field !== undefined) assert.equal(err.details['field'], field);
    return true;
  });
}

/**
 * What the rules guarantee after every call: each active node exactly once, never UNASSIGNED, and
 * every swarm within 5–10 once 5 nodes exist (the bound); fewer nodes share one swarm.
 */
function checkHardInvariants(out: Map<string, bigint>, active: readonly string[]): number[] {
  assert.deepEqual([...out.keys()].sort(), [...active].sort());
  for (const id of out.values()) {
    assert.ok(id >= 0n && id <= MAX_SWARM_ID, `swarm id ${id} in range and not UNASSIGNED`);
  }
  const sizes = [...swarmSizes(out).values()];
  if (active.length >= MIN_SWARM_SIZE) {
    assert.ok(Math.min(...sizes) >= 5 && Math.max(...sizes) <= 10, `${active.length} nodes: sizes ${sizes}`);
  } else if (active.length > 0) {
    assert.equal(sizes.length, 1, `${active.length} nodes share one swarm`);
  }
  return sizes;
}

function sortedSwarmIds(assignment: Map<string, bigint>): bigint[] {
  return [...swarmSizes(assignment).keys()];
}

function buildNetwork(rng: Prng, total: number): { keys: string[]; assignment: Map<string, bigint> } {
  let keys: string[] = [];
  let assignment = new Map<string, bigint>();
  while (keys.length < total) {
    keys = [...keys, ...randomKeys(rng, Math.min(total - keys.length, 1 + rng.uniform(20)))];
    assignment = assignSwarms(assignment, keys, rng.nextU64());
  }
  return { keys, assignment };
}

// ------------------------------------------------------------------ PRNG

test('prng: mt19937_64 known answers (C++ [rand.predef]) and oxend uniform_distribution_portable', () => {
  const rng = createPrng(5489n);
  assert.equal(rng.nextU64(), 14514284786278117030n);
  let last = 0n;
  for (let i = 2; i <= 10000; i++) last = rng.nextU64();
  assert.equal(last, 9981545732273789042n);
  // secureMax = (2^64−1) − (2^64−1) mod 10; 14514284786278117030 / (secureMax / 10) = 7.87…
  assert.equal(createPrng(5489n).uniform(10), 7);
});

test('prng: deterministic, seeds differ, uniform stays in range and is roughly flat', () => {
  const a = createPrng(42n);
  const b = createPrng(42n);
  const c = createPrng(43n);
  const seqA = Array.from({ length: 5 }, () => a.nextU64());
  assert.deepEqual(Array.from({ length: 5 }, () => b.nextU64()), seqA);
  assert.notDeepEqual(Array.from({ length: 5 }, () => c.nextU64()), seqA);
  const rng = createPrng(7n);
  const counts = new Array<number>(6).fill(0);
  for (let i = 0; i < 30000; i++) counts[rng.uniform(6)]! += 1;
  for (const count of counts) assert.ok(count > 4500 && count < 5500, `bucket count ${count}`);
  assert.equal(rng.uniform(1), 0);
  const big = rng.uniform(Number.MAX_SAFE_INTEGER);
  assert.ok(Number.isSafeInteger(big) && big >= 0 && big < Number.MAX_SAFE_INTEGER);
  assert.equal(typeof createPrng(U64 - 1n).nextU64(), 'bigint');
});

test('prng: bad seed or range is a typed error', () => {
  throwsCode(() => createPrng(-1n), 'HUSH_ERR_BAD_ARGUMENT', 'seed');
  throwsCode(() => createPrng(U64), 'HUSH_ERR_BAD_ARGUMENT', 'seed');
  throwsCode(() => createPrng(5 as unknown as bigint), 'HUSH_ERR_BAD_ARGUMENT', 'seed');
  const rng = createPrng(1n);
  for (const n of [0, -1, 1.5, Number.NaN, Number.MAX_SAFE_INTEGER + 1]) {
    throwsCode(() => rng.uniform(n), 'HUSH_ERR_BAD_ARGUMENT', 'n');
  }
});

// ------------------------------------------------------------------ new swarm id

test('newSwarmId: midpoint of the largest ring gap (wrap gap counts MAX_ID and 0 as adjacent)', () => {
  assert.equal(newSwarmId([]), 0n);
  // one id: the wrap gap is 2^64 − 1, half of it (floored) is added
  assert.equal(newSwarmId([0n]), 2n ** 63n - 1n);
  // [0, 2^63−1]: inner gap 2^63−1 < wrap gap 2^63 ⇒ midpoint of the wrap gap
  assert.equal(newSwarmId([0n, 2n ** 63n - 1n]), 2n ** 63n + 2n ** 62n - 1n);
  // wrap gap MAX − B + A + 1 = 2^64 − 2^60 − 1; its midpoint lies past MAX_ID and continues at 0:
  // B + ⌊gap/2⌋ − (MAX_ID + 1) = 2^63 + 2^60 + 2^63 − 2^59 − 1 − 2^64 + 1 = 2^59
  const a = 2n ** 63n;
  const b = 2n ** 63n + 2n ** 60n;
  assert.equal(newSwarmId([a, b]), 2n ** 59n);
  // ties: equal inner gaps ⇒ the first; a wrap gap of the same length does not win
  const third = (U64 - 1n) / 3n;
  assert.equal(newSwarmId([0n, third, 2n * third]), third / 2n);
});

test('newSwarmId: never collides and stays in [0, MAX_SWARM_ID] (property)', () => {
  const edgeId = fc.oneof(
    fc.bigInt({ min: 0n, max: MAX_SWARM_ID }),
    fc.bigInt({ min: 0n, max: 64n }),
    fc.bigInt({ min: MAX_SWARM_ID - 64n, max: MAX_SWARM_ID }),
  );
  fc.assert(
    fc.property(fc.uniqueArray(edgeId, { minLength: 1, maxLength: 60 }), (ids) => {
      const sorted = [...ids].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
      const id = newSwarmId(sorted);
      return id >= 0n && id <= MAX_SWARM_ID && !sorted.includes(id);
    }),
    { numRuns: 200 },
  );
});

// ------------------------------------------------------------------ assignment: small networks

test('assignSwarms: nothing active ⇒ nothing assigned', () => {
  assert.equal(assignSwarms(new Map(), [], 1n).size, 0);
  const old = new Map([[randomHex64(createPrng(1n)), 5n]]);
  assert.equal(assignSwarms(old, [], 1n).size, 0);
});

test('assignSwarms: 1–4 nodes share swarm 0 (a devnet), and stay together as nodes come and go', () => {
  const rng = createPrng(11n);
  const keys = randomKeys(rng, 4);
  for (let n = 1; n <= 4; n++) {
    const out = assignSwarms(new Map(), keys.slice(0, n), BigInt(n));
    assert.deepEqual([...new Set(out.values())], [0n]);
  }
  // a 10-node network with two swarms shrinks to 3 nodes: one swarm holds all of them
  const ten = assignSwarms(new Map(), randomKeys(rng, 14), 3n);
  assert.equal(swarmSizes(ten).size, 2);
  const left = [...ten.keys()].slice(0, 3);
  const out = assignSwarms(ten, left, 4n);
  checkHardInvariants(out, left);
  assert.equal(swarmSizes(out).size, 1);
});

test('MAX_SWARM_SIZE is 10 (oxend service_node_rules.h), MIN_SWARM_SIZE is 5', () => {
  assert.equal(MAX_SWARM_SIZE, 10);
  assert.equal(MIN_SWARM_SIZE, 5);
});

test('assignSwarms: from empty, 5–10 nodes form one swarm; 11, 12, 13 are split by the Hush rule', () => {
  const rng = createPrng(12n);
  const half = 2n ** 63n - 1n; // newSwarmId([0]): the only gap is the wrap gap 2^64 − 1
  for (let n = 5; n <= 10; n++) {
    assert.deepEqual([...swarmSizes(assignSwarms(new Map(), randomKeys(rng, n), 99n))], [[0n, n]]);
  }
  // oxend alone keeps one swarm until excess n − 5 reaches 7 + 2·1 = 9 (n = 14); Hush splits any
  // swarm above 10: ⌊n/2⌋ nodes move to the new swarm, swarm 0 keeps ⌈n/2⌉
  const expected: Record<number, [number, number]> = { 11: [6, 5], 12: [6, 6], 13: [7, 6] };
  for (const [n, [kept, moved]] of Object.entries(expected)) {
    for (const seed of [99n, 100n]) {
      const out = assignSwarms(new Map(), randomKeys(rng, Number(n)), seed);
      assert.deepEqual([...swarmSizes(out)], [[0n, kept], [half, moved]], `${n} nodes`);
    }
  }
  const fourteen = assignSwarms(new Map(), randomKeys(rng, 14), 99n);
  assert.deepEqual([...swarmSizes(fourteen)], [[0n, 7], [2n ** 63n - 1n, 7]]);
  // 21 = 10 + 11 ⇒ excess 11 = 7 + 2·2 ⇒ third swarm in the wrap gap
  const twentyOne = assignSwarms(new Map(), randomKeys(rng, 21), 5n);
  const sizes = swarmSizes(twentyOne);
  assert.deepEqual([...sizes.keys()], [0n, 2n ** 63n - 1n, 2n ** 63n + 2n ** 62n - 1n]);
  for (const size of sizes.values()) assert.ok(size >= 5 && size <= 10, `size ${size}`);
});

test('assignSwarms: from empty, every n from 5 to 60 gives swarms of 5–10', () => {
  const rng = createPrng(24n);
  const pool = randomKeys(rng, 60);
  for (let n = 5; n <= 60; n++) {
    for (const seed of [1n, 2n]) {
      const sizes = checkHardInvariants(assignSwarms(new Map(), pool.slice(0, n), seed), pool.slice(0, n));
      assert.equal(sizes.reduce((a, b) => a + b, 0), n);
    }
  }
});

test('assignSwarms: departed nodes vanish, UNASSIGNED and unknown nodes are assigned', () => {
  const rng = createPrng(13n);
  const { keys, assignment } = buildNetwork(rng, 60);
  const gone = new Set(keys.slice(0, 3));
  const fresh = randomKeys(rng, 3);
  const current = new Map(assignment);
  current.set(fresh[0]!, UNASSIGNED_SWARM_ID);
  const active = [...keys.filter((k) => !gone.has(k)), ...fresh];
  const out = assignSwarms(current, active, 77n);
  checkHardInvariants(out, active);
  for (const k of gone) assert.equal(out.has(k), false);
});

// ------------------------------------------------------------------ the individual rules

/** A hand-made current assignment: swarm id → that many fresh node keys. */
function layout(rng: Prng, sizes: readonly (readonly [bigint, number])[]) {
  const members = new Map(sizes.map(([id, n]) => [id, randomKeys(rng, n)] as const));
  const current = new Map([...members].flatMap(([id, keys]) => keys.map((k) => [k, id] as const)));
  return { members, current, active: [...current.keys()] };
}

function membersOf(assignment: Map<string, bigint>, id: bigint): string[] {
  return [...assignment].filter(([, s]) => s === id).map(([k]) => k);
}

test('rule 1: a new node joins one of the smallest swarms (25th percentile, ties included)', () => {
  const rng = createPrng(20n);
  // sizes 5,5,6,6,7,7,7,7: index ⌊25·7/100⌋ = 1 holds size 5 ⇒ only the two 5-swarms qualify
  const ids = [10n, 20n, 30n, 40n, 50n, 60n, 70n, 80n];
  const { current, active } = layout(rng, ids.map((id, i) => [id, [5, 5, 6, 6, 7, 7, 7, 7][i]!] as const));
  const hits = new Set<bigint>();
  for (let seed = 0n; seed < 20n; seed++) {
    const node = randomHex64(rng);
    const out = assignSwarms(current, [...active, node], seed);
    hits.add(out.get(node)!);
    for (const key of active) assert.equal(out.get(key), current.get(key), 'nobody else moves');
  }
  assert.deepEqual([...hits].sort(), [10n, 20n]);
});

test('rule 2: Robin Hood tops a starving swarm up to 5 from swarms above the 75th-percentile size − 1', () => {
  const rng = createPrng(21n);
  // [D 2, B 7, C 9, A 12]: index ⌊75·3/100⌋ = 2 has size 9 ⇒ steal only from swarms > 8 (C, A)
  const { members, current, active } = layout(rng, [[1n, 12], [2n, 7], [3n, 9], [4n, 2]]);
  for (let seed = 0n; seed < 10n; seed++) {
    const out = assignSwarms(current, active, seed);
    assert.deepEqual([...swarmSizes(out).keys()], [1n, 2n, 3n, 4n], 'no swarm dissolved or created');
    assert.deepEqual(membersOf(out, 2n).sort(), [...members.get(2n)!].sort(), 'B (7 ≤ 8) is not robbed');
    assert.equal(membersOf(out, 4n).length, 5);
    assert.equal(membersOf(out, 1n).length + membersOf(out, 3n).length, 18);
  }
  // two swarms [A 10, B 4]: threshold max(5, 4 − 1) ⇒ one node of A moves to B
  const two = layout(rng, [[7n, 10], [8n, 4]]);
  assert.deepEqual([...swarmSizes(assignSwarms(two.current, two.active, 3n))], [[7n, 9], [8n, 5]]);
  // oxend quirk kept: the excess test counts all nodes above 5, but donors stop at the threshold.
  // [D 2, B 7, A 9, C 9] (threshold 8): A and C give one node each, then D (4) is dissolved anyway
  // and its 4 nodes fill the smallest swarms: B 7 → 8, then one each to 8-swarms ⇒ 9, 9, 9.
  const quirk = layout(rng, [[1n, 9], [2n, 7], [3n, 9], [4n, 2]]);
  const out = assignSwarms(quirk.current, quirk.active, 5n);
  assert.deepEqual([...swarmSizes(out)], [[1n, 9], [2n, 9], [3n, 9]]);
});

test('rule 3: no new swarm from excess while some swarm is starving', () => {
  const rng = createPrng(22n);
  // [C 1, D 6, E 6, A 20] + one joiner: it goes to C (smallest). Excess 17 ≥ 7 + 2·4 but C starves,
  // so no swarm from excess; Robin Hood (threshold 5) then moves 3 nodes into C, leaving excess
  // 14 < 15. A (17–20 left) is then halved by the Hush rule: the new swarm holds only A's nodes,
  // and ⌊size/2⌋ >= 8 of them, where a swarm from excess would have exactly 7.
  const { members, current, active } = layout(rng, [[100n, 20], [200n, 6], [300n, 1], [400n, 6]]);
  const node = randomHex64(rng);
  const fresh = newSwarmId([100n, 200n, 300n, 400n]);
  for (let seed = 9n; seed < 13n; seed++) {
    const out = assignSwarms(current, [...active, node], seed);
    assert.deepEqual([...swarmSizes(out).keys()], [100n, 200n, 300n, 400n, fresh]);
    assert.equal(out.get(node), 300n);
    assert.equal(out.get(members.get(300n)![0]!), 300n);
    assert.equal(membersOf(out, 300n).length, 5);
    const split = membersOf(out, fresh);
    assert.ok(split.every((k) => members.get(100n)!.includes(k)), 'the new swarm comes from A alone');
    assert.equal(split.length, Math.floor((split.length + membersOf(out, 100n).length) / 2));
    assert.ok(split.length >= 8, `new swarm of ${split.length}`);
  }
});

test('rule 4: a starving swarm that cannot be rescued is dissolved into the smallest swarms', () => {
  const rng = createPrng(23n);
  // [C 2, A 5, B 5, D 5]: nobody has excess ⇒ C dissolves; each of its nodes joins a smallest swarm
  const { members, current, active } = layout(rng, [[1n, 5], [2n, 5], [3n, 2], [4n, 5]]);
  for (let seed = 0n; seed < 10n; seed++) {
    const out = assignSwarms(current, active, seed);
    const sizes = swarmSizes(out);
    assert.deepEqual([...sizes.keys()], [1n, 2n, 4n]);
    assert.deepEqual([...sizes.values()].sort(), [5, 6, 6]);
    const homes = members.get(3n)!.map((k) => out.get(k));
    assert.notEqual(homes[0], homes[1], 'the second node goes to a swarm that is still smallest');
  }
  // two starving swarms: the lower id goes first (X 3 before Y 4); its first node tops Y up to 5
  const two = layout(rng, [[1n, 5], [2n, 5], [3n, 3], [4n, 4]]);
  const out = assignSwarms(two.current, two.active, 1n);
  assert.deepEqual([...swarmSizes(out).keys()], [1n, 2n, 4n]);
  assert.deepEqual([...swarmSizes(out).values()].sort(), [5, 6, 6]);
});

test('rule 5 (Hush): a swarm above 10 is halved, the random half moving to the largest ring gap', () => {
  const rng = createPrng(25n);
  // [A 16, B 5, C 5, D 5, E 5]: excess 11 < 7 + 2·5 and nobody starves ⇒ oxend changes nothing;
  // Hush moves 8 of A's 16 nodes to newSwarmId([1..5]); every other node stays
  const { members, current, active } = layout(rng, [[1n, 16], [2n, 5], [3n, 5], [4n, 5], [5n, 5]]);
  const fresh = newSwarmId([1n, 2n, 3n, 4n, 5n]);
  const moversSeen = new Set<string>();
  for (let seed = 0n; seed < 8n; seed++) {
    const out = assignSwarms(current, active, seed);
    assert.deepEqual([...swarmSizes(out)], [[1n, 8], [2n, 5], [3n, 5], [4n, 5], [5n, 5], [fresh, 8]]);
    for (const [id, keys] of members) {
      for (const key of keys) {
        if (id !== 1n) assert.equal(out.get(key), id, 'other swarms keep their nodes');
        else if (out.get(key) === fresh) moversSeen.add(key);
      }
    }
  }
  assert.ok(moversSeen.size > 8, 'which half moves depends on the seed');
  // [A 12, B 12, C 5, D 5] (excess 14 < 15): the tie is broken by id — A splits first and takes the
  // wrap gap's midpoint, then B takes the midpoint of the then largest gap
  const two = layout(rng, [[1n, 12], [2n, 12], [3n, 5], [4n, 5]]);
  const first = newSwarmId([1n, 2n, 3n, 4n]);
  const second = newSwarmId([1n, 2n, 3n, 4n, first]);
  const out = assignSwarms(two.current, two.active, 7n);
  const expected = new Map([[1n, 6], [2n, 6], [3n, 5], [4n, 5], [first, 6], [second, 6]]);
  for (const [id, size] of expected) assert.equal(swarmSizes(out).get(id), size, `swarm ${id}`);
  assert.equal(swarmSizes(out).size, 6);
  assert.ok(two.members.get(1n)!.every((k) => out.get(k) === 1n || out.get(k) === first), 'A → A or first');
  assert.ok(two.members.get(2n)!.every((k) => out.get(k) === 2n || out.get(k) === second), 'B → B or second');
  // [A 11, B 13, four of 5] (excess 14 < 19): the largest (B) splits first, whatever the ids
  const uneven = layout(rng, [[1n, 11], [2n, 13], [3n, 5], [4n, 5], [5n, 5], [6n, 5]]);
  const gapB = newSwarmId([1n, 2n, 3n, 4n, 5n, 6n]);
  const gapA = newSwarmId([1n, 2n, 3n, 4n, 5n, 6n, gapB]);
  const out2 = assignSwarms(uneven.current, uneven.active, 8n);
  const sizes2 = swarmSizes(out2);
  assert.deepEqual([sizes2.get(1n), sizes2.get(gapA), sizes2.get(2n), sizes2.get(gapB), sizes2.size], [6, 5, 7, 6, 8]);
  assert.ok(uneven.members.get(2n)!.every((k) => out2.get(k) === 2n || out2.get(k) === gapB), 'B → B or gapB');
});

test('rule 5 (Hush): a much larger swarm is split repeatedly, largest first, all within 5–10', () => {
  const rng = createPrng(26n);
  // [A 25, six swarms of 5]: excess 20 < 7 + 2·7 ⇒ oxend changes nothing; 25 → 13 + 12 → 7 + 6
  // (A, the larger, first) + 6 + 6 ⇒ A keeps 7 and three new swarms get 6 each
  const fives = [20n, 30n, 40n, 50n, 60n, 70n].map((id) => [id, 5] as const);
  const sizes: (readonly [bigint, number])[] = [[10n, 25], ...fives];
  const { members, current, active } = layout(rng, sizes);
  const out = assignSwarms(current, active, 3n);
  checkHardInvariants(out, active);
  const homes = swarmSizes(new Map(members.get(10n)!.map((k) => [k, out.get(k)!])));
  assert.equal(homes.get(10n), 7);
  assert.deepEqual([...homes.values()].sort(), [6, 6, 6, 7]);
  assert.equal(swarmSizes(out).size, 10);
  // a current map with all 3000 nodes in one swarm: oxend leaves a swarm of hundreds, Hush fixes it
  const huge = randomKeys(rng, 3000);
  checkHardInvariants(assignSwarms(new Map(huge.map((k) => [k, 5n])), huge, 4n), huge);
});

// ------------------------------------------------------------------ input checks

test('assignSwarms: malformed input is rejected with the bad entry named', () => {
  const rng = createPrng(14n);
  const keys = randomKeys(rng, 6);
  const none = new Map<string, bigint>();
  const withKey = (i: number, bad: unknown): string[] => keys.map((k, j) => (j === i ? bad : k) as string);
  throwsCode(() => assignSwarms(none, withKey(2, keys[2]!.toUpperCase()), 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active[2]');
  throwsCode(() => assignSwarms(none, withKey(3, keys[3]!.slice(1)), 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active[3]');
  throwsCode(() => assignSwarms(none, withKey(1, 42), 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active[1]');
  throwsCode(() => assignSwarms(none, withKey(5, keys[0]), 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active[5]');
  const sparse = new Array<string>(3);
  sparse[0] = keys[0]!;
  throwsCode(() => assignSwarms(none, sparse, 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active[1]');
  throwsCode(() => assignSwarms(none, 'abc' as unknown as string[], 1n), 'HUSH_ERR_BAD_ARGUMENT', 'active');
  throwsCode(() => assignSwarms({} as Map<string, bigint>, keys, 1n), 'HUSH_ERR_BAD_ARGUMENT', 'current');
  for (const bad of [-1n, U64, 7] as unknown[]) {
    const current = new Map([[keys[4]!, bad as bigint]]);
    throwsCode(() => assignSwarms(current, keys, 1n), 'HUSH_ERR_BAD_ARGUMENT', `current[${keys[4]}]`);
  }
  throwsCode(() => assignSwarms(none, keys, -1n), 'HUSH_ERR_BAD_ARGUMENT', 'seed');
  throwsCode(() => assignSwarms(none, keys, U64), 'HUSH_ERR_BAD_ARGUMENT', 'seed');
  const tooMany = new Array<string>(MAX_SWARM_NODES + 1).fill(keys[0]!);
  throwsCode(() => assignSwarms(none, tooMany, 1n), 'HUSH_ERR_TOO_LARGE', 'active');
});

// ------------------------------------------------------------------ determinism and purity

test('assignSwarms: same inputs ⇒ same output, whatever the order of active or of the current map', () => {
  const rng = createPrng(15n);
  const { keys, assignment } = buildNetwork(rng, 150);
  const joined = [...keys.slice(20), ...randomKeys(rng, 9)];
  const first = assignSwarms(assignment, joined, 1234n);
  const currentShuffled = new Map(shuffled([...assignment], rng));
  const again = assignSwarms(currentShuffled, shuffled(joined, rng), 1234n);
  assert.deepEqual([...again], [...first]);
  assert.deepEqual([...first.keys()], [...first.keys()].sort(), 'output lists nodes by key');
  assert.notDeepEqual([...assignSwarms(assignment, joined, 1235n)], [...first], 'the seed matters');
  // the same with the Hush split at work: 12 fresh nodes, and a hand-made swarm of 16
  const twelve = randomKeys(rng, 12);
  const split = assignSwarms(new Map(), twelve, 1234n);
  assert.deepEqual([...assignSwarms(new Map(), shuffled(twelve, rng), 1234n)], [...split]);
  assert.notDeepEqual([...assignSwarms(new Map(), twelve, 1235n)], [...split], 'the seed picks the half');
  const big = randomKeys(rng, 16);
  const small = randomKeys(rng, 20);
  const hand = new Map([...big.map((k) => [k, 9n] as const), ...small.map((k, i) => [k, BigInt(i % 4)] as const)]);
  const all = [...big, ...small];
  const once = assignSwarms(hand, all, 77n);
  assert.deepEqual([...assignSwarms(new Map(shuffled([...hand], rng)), shuffled(all, rng), 77n)], [...once]);
  assert.equal(swarmSizes(once).size, 6);
});

test('assignSwarms: pure — inputs untouched; an unchanged registry moves nobody', () => {
  const rng = createPrng(16n);
  const { keys, assignment } = buildNetwork(rng, 200);
  const currentCopy = [...assignment];
  const activeCopy = [...keys];
  const out = assignSwarms(assignment, keys, 555n);
  assert.deepEqual([...assignment], currentCopy);
  assert.deepEqual(keys, activeCopy);
  assert.deepEqual([...out].sort(), [...assignment].sort());
});

// ------------------------------------------------------------------ growth and shrinkage

test('assignSwarms: grow 0 → 700 in random join batches, shrink back with random leaves', () => {
  const rng = createPrng(17n);
  let active: string[] = [];
  let assignment = new Map<string, bigint>();
  let steps = 0;
  while (active.length < 700) {
    const before = assignment;
    const oldIds = new Set(before.values());
    active = [...active, ...randomKeys(rng, 1 + rng.uniform(20))];
    assignment = assignSwarms(before, active, rng.nextU64());
    checkHardInvariants(assignment, active);
    // joining never shuffles existing nodes between existing swarms: they stay or seed a new swarm
    for (const [key, id] of before) {
      const now = assignment.get(key)!;
      assert.ok(now === id || !oldIds.has(now), `node ${key} moved to an existing swarm`);
    }
    steps++;
  }
  while (active.length > 0) {
    const leaving = 1 + rng.uniform(Math.min(20, active.length));
    for (let i = 0; i < leaving; i++) active.splice(rng.uniform(active.length), 1);
    assignment = assignSwarms(assignment, active, rng.nextU64());
    checkHardInvariants(assignment, active);
    steps++;
  }
  assert.ok(steps > 60);
});

test('assignSwarms: joins and leaves in one call (swarms wiped out at the same time) keep the hard bounds', () => {
  const rng = createPrng(18n);
  let { keys: active, assignment } = buildNetwork(rng, 120);
  for (let step = 0; step < 60; step++) {
    const ids = [...new Set(assignment.values())];
    const target = ids[rng.uniform(ids.length)];
    const wiped = new Set(active.filter((k) => assignment.get(k) === target).slice(rng.uniform(5)));
    active = [...active.filter((k) => !wiped.has(k)), ...randomKeys(rng, rng.uniform(40))];
    if (active.length > 400) active = active.slice(200);
    assignment = assignSwarms(assignment, active, rng.nextU64());
    checkHardInvariants(assignment, active);
  }
});

test('assignSwarms: a devnet walking between 5 and 30 nodes, one join or leave at a time, stays within 5–10', () => {
  const rng = createPrng(27n);
  let active = randomKeys(rng, 8);
  let assignment = assignSwarms(new Map(), active, rng.nextU64());
  let visits = 0; // steps with 11–13 nodes: one swarm under oxend's rules alone
  for (let step = 0; step < 200; step++) {
    const join = active.length <= 5 || (active.length < 30 && rng.uniform(2) === 0);
    const leaver = rng.uniform(active.length);
    active = join ? [...active, randomHex64(rng)] : active.filter((_, i) => i !== leaver);
    assignment = assignSwarms(assignment, active, rng.nextU64());
    const sizes = checkHardInvariants(assignment, active);
    if (active.length >= 11 && active.length <= 13) {
      visits++;
      assert.ok(sizes.length >= 2, `${active.length} nodes in ${sizes.length} swarm`);
    }
  }
  assert.ok(visits >= 10, `visited 11–13 nodes ${visits} times`);
});

// ------------------------------------------------------------------ account stability

/** Fraction of accounts whose swarm differs between two assignments (ring rule, spec §6.2). */
function movedFraction(spaces: readonly bigint[], before: Map<string, bigint>, after: Map<string, bigint>): number {
  const a = sortedSwarmIds(before);
  const b = sortedSwarmIds(after);
  if (a.length === b.length && a.every((id, i) => id === b[i])) return 0;
  return spaces.filter((s) => selectSwarm(s, a) !== selectSwarm(s, b)).length / spaces.length;
}

test('assignSwarms: one node joining or leaving a ~300-node network moves few accounts', (t) => {
  const rng = createPrng(19n);
  const spaces = Array.from({ length: 10000 }, () => swarmSpace(fromHex(randomHex64(rng), 'account')));
  let { keys, assignment } = buildNetwork(rng, 300);
  const fractions: number[] = [];
  // a random walk, 3 joins for each leave, so that new swarms get formed along the way
  for (let step = 0; step < 30; step++) {
    const leaver = rng.uniform(keys.length);
    keys = rng.uniform(4) !== 0 ? [...keys, randomHex64(rng)] : keys.filter((_, i) => i !== leaver);
    const next = assignSwarms(assignment, keys, rng.nextU64());
    fractions.push(movedFraction(spaces, assignment, next));
    assignment = next;
  }
  // a leave that dissolves a swarm: 60 swarms of 5, evenly spread; nobody has nodes to spare
  const step = U64 / 60n;
  const tight = layout(rng, Array.from({ length: 60 }, (_, i) => [BigInt(i) * step, 5] as const));
  const dissolved = assignSwarms(tight.current, tight.active.slice(1), rng.nextU64());
  assert.equal(swarmSizes(dissolved).size, 59);
  fractions.push(movedFraction(spaces, tight.current, dissolved));
  const worst = Math.max(...fractions);
  const nonZero = fractions.filter((f) => f > 0);
  const mean = nonZero.reduce((a, b) => a + b, 0) / Math.max(1, nonZero.length);
  t.diagnostic(
    `accounts moved per single join/leave at ~300 nodes: ${fractions.length - nonZero.length} of ` +
      `${fractions.length} changes moved none; when the ring changed: mean ${(mean * 100).toFixed(2)}%, ` +
      `max ${(worst * 100).toFixed(2)}% (dissolve: ${(fractions[fractions.length - 1]! * 100).toFixed(2)}%)`,
  );
  assert.ok(nonZero.length >= 2, 'some changes created or dissolved a swarm');
  assert.ok(worst < 0.15, `worst ${worst}`);
});
