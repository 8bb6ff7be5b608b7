/**
 * Swarm assignment: which swarm each active service node belongs to, following oxend's rules
 * (oxen-core `src/cryptonote_core/service_node_swarm.cpp` `calc_swarm_changes`, constants from
 * `service_node_rules.h`; spec `session-network.md` §6.1) plus one Hush rule at the end (step 5).
 * Every node and client that knows the registry state and the seed computes the same result.
 *
 * Steps, as in oxend: nodes that are no longer active simply disappear (their swarms shrink; a
 * swarm left with no node is gone); 0. if no swarm exists, create swarm 0; 1. assign each new node
 * (sorted by key) to a random swarm among the smallest quarter, then run "new swarm from excess";
 * 2. Robin Hood: fill swarms below MIN_SWARM_SIZE by stealing random nodes from swarms larger than
 * max(5, 75th-percentile size − 1); 3. new swarms from excess; 4. dissolve swarms below
 * MIN_SWARM_SIZE and re-assign their nodes to the smallest swarms.
 *
 * oxend quirks kept: in step 2 the threshold comes from the sizes before the step, the "enough
 * excess?" test counts every node above 5 in the donor swarms although donors stop giving at the
 * threshold, so a rescue can take some nodes and then give up (the swarm is then dissolved);
 * "new swarm from excess" does nothing while any swarm is below 5.
 *
 * Hush step 5 (not in oxend): while some swarm has more than MAX_SWARM_SIZE (10) nodes, split the
 * largest one (the lowest id among equally large ones) in two: ⌊size/2⌋ of its nodes, drawn with
 * the same seeded PRNG, move to a new swarm whose id is `newSwarmId` (midpoint of the largest ring
 * gap, as for oxend's new swarms); the rest keep the old id. So 11 → 6+5, 12 → 6+6, 13 → 7+6.
 * Why: our issue (and design.md) requires every swarm to hold 5–10 nodes whenever >= 5 nodes are
 * active, and Session's own rules name 10 as the largest swarm (`MAX_SWARM_SIZE = 10` in oxend's
 * `service_node_rules.h`, defined but never applied by its algorithm). With oxend's steps alone
 * a lone swarm grows to 13 before "new swarm from excess" (Σ max(0, size − 5) >= 7 + 2·#swarms)
 * splits it at 14 — a 12-node devnet is one swarm of 12 — and a call that both starves a swarm
 * and adds many nodes can leave a swarm above 10 (no new swarm forms while the starving one is
 * refilled); a `current` map with one huge swarm keeps a swarm far above 10. Step 5 never fires
 * when oxend's result is already within bounds, so it changes nothing else; every size >= 11
 * halves into two >= 5, and the step consumes PRNG draws only after oxend's steps are done.
 *
 * Resulting sizes: 5–10 whenever >= 5 nodes are active; with 1–4 active nodes, one swarm.
 *
 * Deterministic choices (byte-exact agreement with oxend is NOT a goal: it would need libstdc++'s
 * unstable sort tie order):
 * - PRNG: mt19937_64 seeded with `seed`, indices from oxend's `uniform_distribution_portable`
 *   (`prng.ts`).
 * - Swarms are ordered by (size, id) ascending — a total order — wherever oxend sorts by size.
 * - Initial members of a swarm are ordered by node key (lowercase hex), new members are appended.
 * - A "pool" (all nodes of swarms above a size threshold, one drawn uniformly) is enumerated in
 *   (size, id) swarm order, then member order; oxend enumerates it in id order. Each node still
 *   has the same chance; only the index → node mapping differs.
 * - Step 4 keeps dissolving only while more than one swarm exists (oxend checks this once before
 *   its loop, and with < 5 nodes left in its last swarm it would dissolve that too and fail); so
 *   with 1–4 active nodes all of them share one swarm.
 * - Step 5 draws the moving nodes by a partial Fisher–Yates shuffle of member positions; both
 *   halves keep their members' previous relative order.
 * - The output map lists nodes in ascending key order.
 */
import { HushError } from '../errors.ts';
import { createPrng, type Prng } from './prng.ts';

export const MIN_SWARM_SIZE = 5;
/** Largest swarm Hush allows (oxend's `MAX_SWARM_SIZE`, unused there); see step 5 above. */
export const MAX_SWARM_SIZE = 10;
export const IDEAL_SWARM_MARGIN = 2;
export const IDEAL_SWARM_SIZE = MIN_SWARM_SIZE + IDEAL_SWARM_MARGIN;
export const EXCESS_BASE = MIN_SWARM_SIZE;
export const FILL_SWARM_LOWER_PERCENTILE = 25;
export const STEALING_SWARM_UPPER_PERCENTILE = 75;
export const UNASSIGNED_SWARM_ID = 2n ** 64n - 1n;
export const MAX_SWARM_ID = 2n ** 64n - 2n;
/** Largest `active` list accepted (the real network has a few thousand nodes). */
export const MAX_SWARM_NODES = 100_000;

const NEW_SWARM_SIZE = IDEAL_SWARM_SIZE;
const REDISTRIBUTION_PERCENTILE = 0;
const NODE_KEY_RE = /^[0-9a-f]{64}$/;

interface Swarm {
  readonly id: bigint;
  readonly members: string[];
}

interface State {
  /** All swarms, ascending by (size, id). */
  readonly order: Swarm[];
  /** All swarm ids, ascending. */
  readonly ids: bigint[];
  /** Σ max(0, size − EXCESS_BASE) over all swarms. */
  excess: number;
  /** Number of swarms with fewer than MIN_SWARM_SIZE nodes. */
  starving: number;
  readonly rng: Prng;
}

// ---------------------------------------------------------------- ordered bookkeeping

function compareSwarms(a: Swarm, b: Swarm): number {
  const bySize = a.members.length - b.members.length;
  if (bySize !== 0) return bySize;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** First index in [lo, arr.length) where `pred` holds; `pred` must be monotone (false…true). */
function firstIndex<T>(arr: readonly T[], lo: number, pred: (item: T) => boolean): number {
  let low = lo;
  let high = arr.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (pred(arr[mid]!)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/** First index in `order` (from `lo`) whose swarm has more than `size` nodes. */
function firstLarger(order: readonly Swarm[], lo: number, size: number): number {
  return firstIndex(order, lo, (s) => s.members.length > size);
}

function account(state: State, swarm: Swarm, sign: 1 | -1): void {
  const size = swarm.members.length;
  state.excess += sign * Math.max(0, size - EXCESS_BASE);
  state.starving += sign * (size < MIN_SWARM_SIZE ? 1 : 0);
}

function insertSwarm(state: State, swarm: Swarm): void {
  state.order.splice(firstIndex(state.order, 0, (s) => compareSwarms(s, swarm) > 0), 0, swarm);
  account(state, swarm, 1);
}

function removeSwarm(state: State, swarm: Swarm): void {
  state.order.splice(firstIndex(state.order, 0, (s) => compareSwarms(s, swarm) >= 0), 1);
  account(state, swarm, -1);
}

/** Changes a swarm's membership while keeping `order` and the counters right. */
function mutateSwarm<T>(state: State, swarm: Swarm, change: (members: string[]) => T): T {
  removeSwarm(state, swarm);
  const result = change(swarm.members);
  insertSwarm(state, swarm);
  return result;
}

function addSwarm(state: State, swarm: Swarm): void {
  state.ids.splice(firstIndex(state.ids, 0, (id) => id > swarm.id), 0, swarm.id);
  insertSwarm(state, swarm);
}

function dropSwarm(state: State, swarm: Swarm): void {
  state.ids.splice(firstIndex(state.ids, 0, (id) => id >= swarm.id), 1);
  removeSwarm(state, swarm);
}

// ---------------------------------------------------------------- new swarm id

/**
 * Midpoint of the largest gap between neighbouring ids on the ring of MAX_SWARM_ID + 1 points
 * (MAX_SWARM_ID and 0 are adjacent); the first largest gap wins, the wrap gap only if strictly
 * larger. No ids ⇒ 0. With at most MAX_SWARM_NODES ids the largest gap exceeds 2, so the result
 * never collides with an existing id.
 */
export function newSwarmId(sortedIds: readonly bigint[]): bigint {
  const first = sortedIds[0];
  const last = sortedIds[sortedIds.length - 1];
  if (first === undefined || last === undefined) return 0n;
  let best = sortedIds.length - 1;
  let bestGap = -1n;
  for (let i = 0; i + 1 < sortedIds.length; i++) {
    const gap = sortedIds[i + 1]! - sortedIds[i]!;
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  const wrapGap = MAX_SWARM_ID - last + first + 1n;
  if (wrapGap > bestGap) {
    bestGap = wrapGap;
    best = sortedIds.length - 1;
  }
  return (sortedIds[best]! + bestGap / 2n) % (MAX_SWARM_ID + 1n);
}

// ---------------------------------------------------------------- random picks

/** Uniform pick among the swarms whose size is <= the size at the given percentile. */
function pickSmallSwarm(state: State, percentile: number): Swarm {
  const order = state.order;
  const atPercentile = order[Math.floor((percentile * (order.length - 1)) / 100)]!;
  const upper = firstLarger(order, 0, atPercentile.members.length);
  return order[state.rng.uniform(upper)]!;
}

interface Pool {
  /** Index in `order` of the first swarm in the pool (all later swarms are in it too). */
  readonly start: number;
  /** Number of nodes in the pool. */
  readonly nodes: number;
}

/** The nodes of all swarms with more than `threshold` nodes. */
function poolAbove(order: readonly Swarm[], threshold: number): Pool {
  const start = firstLarger(order, 0, threshold);
  let nodes = 0;
  for (let i = start; i < order.length; ) {
    const size = order[i]!.members.length;
    const end = firstLarger(order, i, size);
    nodes += (end - i) * size;
    i = end;
  }
  return { start, nodes };
}

/** Removes one uniformly drawn node of a non-empty pool from its swarm and returns it. */
function takeFromPool(state: State, pool: Pool): string {
  const order = state.order;
  let k = state.rng.uniform(pool.nodes);
  for (let i = pool.start; i < order.length; ) {
    const size = order[i]!.members.length;
    const end = firstLarger(order, i, size);
    if (k < (end - i) * size) {
      const donor = order[i + Math.floor(k / size)]!;
      return mutateSwarm(state, donor, (m) => m.splice(k % size, 1)[0]!);
    }
    k -= (end - i) * size;
    i = end;
  }
  throw new RangeError('pool index out of range'); // unreachable: k < pool.nodes
}

// ---------------------------------------------------------------- the steps

/** "New swarm from excess": while the excess can fill a new swarm and leave a margin, form one. */
function createSwarmsFromExcess(state: State): void {
  if (state.starving > 0) return;
  while (state.excess >= NEW_SWARM_SIZE + state.order.length * IDEAL_SWARM_MARGIN) {
    const members: string[] = [];
    while (members.length < NEW_SWARM_SIZE) {
      const pool = poolAbove(state.order, EXCESS_BASE);
      if (pool.nodes === 0) return; // unreachable: excess >= 7 guarantees donors
      members.push(takeFromPool(state, pool));
    }
    addSwarm(state, { id: newSwarmId(state.ids), members });
  }
}

/** Steps 1 and 4: add each node to a small swarm, checking for a new swarm after each. */
function assignNodes(state: State, nodes: readonly string[], percentile: number): void {
  for (const node of nodes) {
    mutateSwarm(state, pickSmallSwarm(state, percentile), (m) => m.push(node));
    createSwarmsFromExcess(state);
  }
}

/** Steals nodes for `poor` until it has MIN_SWARM_SIZE; false when the excess cannot save it. */
function rescueSwarm(state: State, poor: Swarm, threshold: number): boolean {
  do {
    const pool = poolAbove(state.order, threshold);
    const excess = pool.nodes - MIN_SWARM_SIZE * (state.order.length - pool.start);
    if (excess < MIN_SWARM_SIZE - poor.members.length) return false;
    const node = takeFromPool(state, pool);
    mutateSwarm(state, poor, (m) => m.push(node));
  } while (poor.members.length < MIN_SWARM_SIZE);
  return true;
}

/** Step 2, "Robin Hood": smallest starving swarms first; the steal threshold is fixed up front. */
function robinHood(state: State): void {
  const snapshot = [...state.order];
  const sizes = snapshot.map((s) => s.members.length);
  const atPercentile = sizes[Math.floor((STEALING_SWARM_UPPER_PERCENTILE * (sizes.length - 1)) / 100)]!;
  const threshold = Math.max(MIN_SWARM_SIZE, atPercentile - 1);
  for (let i = 0; i < snapshot.length && sizes[i]! < MIN_SWARM_SIZE; i++) {
    if (!rescueSwarm(state, snapshot[i]!, threshold)) return;
  }
}

/** Step 4: dissolve starving swarms (lowest id first) while more than one swarm exists. */
function dissolveStarving(state: State): void {
  while (state.starving > 0 && state.order.length > 1) {
    let victim = state.order[0]!;
    for (const swarm of state.order.slice(1, state.starving)) {
      if (swarm.id < victim.id) victim = swarm;
    }
    dropSwarm(state, victim);
    assignNodes(state, victim.members, REDISTRIBUTION_PERCENTILE);
  }
}

/**
 * Removes ⌊n/2⌋ uniformly drawn members (partial Fisher–Yates over positions, O(n)) and returns
 * them; both halves keep their previous relative order.
 */
function takeRandomHalf(members: string[], rng: Prng): string[] {
  const positions = members.map((_, i) => i);
  const count = Math.floor(members.length / 2);
  for (let i = 0; i < count; i++) {
    const j = i + rng.uniform(positions.length - i);
    [positions[i], positions[j]] = [positions[j]!, positions[i]!];
  }
  const chosen = new Set(positions.slice(0, count));
  const moved = members.filter((_, i) => chosen.has(i));
  const kept = members.filter((_, i) => !chosen.has(i));
  members.length = 0;
  for (const node of kept) members.push(node);
  return moved;
}

/** Step 5 (Hush): split the largest swarm (lowest id among equals) while it exceeds MAX_SWARM_SIZE. */
function splitOversized(state: State): void {
  for (;;) {
    const largest = state.order[state.order.length - 1];
    if (largest === undefined || largest.members.length <= MAX_SWARM_SIZE) return;
    const victim = state.order[firstLarger(state.order, 0, largest.members.length - 1)]!;
    const moved = mutateSwarm(state, victim, (m) => takeRandomHalf(m, state.rng));
    addSwarm(state, { id: newSwarmId(state.ids), members: moved });
  }
}

// ---------------------------------------------------------------- input and output

function badArgument(message: string, details: Record<string, unknown>): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', message, { details });
}

function checkActive(active: unknown): readonly string[] {
  if (!Array.isArray(active)) throw badArgument('active must be an array of node keys', { field: 'active' });
  if (active.length > MAX_SWARM_NODES) {
    throw new HushError('HUSH_ERR_TOO_LARGE', `active has more than ${MAX_SWARM_NODES} nodes`, {
      details: { field: 'active', max: MAX_SWARM_NODES, actual: active.length },
    });
  }
  const seen = new Set<string>();
  for (let index = 0; index < active.length; index++) {
    const key: unknown = active[index];
    if (typeof key !== 'string' || !NODE_KEY_RE.test(key)) {
      throw badArgument(`active[${index}] must be 64 lowercase hex characters`, { field: `active[${index}]` });
    }
    if (seen.has(key)) throw badArgument(`active[${index}] is a duplicate: ${key}`, { field: `active[${index}]` });
    seen.add(key);
  }
  return active as readonly string[];
}

function currentSwarmOf(current: ReadonlyMap<string, bigint>, key: string): bigint {
  const id: unknown = current.get(key);
  if (id === undefined) return UNASSIGNED_SWARM_ID;
  if (typeof id !== 'bigint' || id < 0n || id > UNASSIGNED_SWARM_ID) {
    throw badArgument(`current swarm of ${key} must be a bigint in [0, 2^64)`, { field: `current[${key}]` });
  }
  return id;
}

/** Groups the active nodes by their current swarm; nodes without one are returned as `fresh`. */
function initialState(current: ReadonlyMap<string, bigint>, keys: readonly string[], rng: Prng): {
  state: State;
  fresh: string[];
} {
  const state: State = { order: [], ids: [], excess: 0, starving: 0, rng };
  const groups = new Map<bigint, string[]>();
  const fresh: string[] = [];
  for (const key of keys) {
    const id = currentSwarmOf(current, key);
    if (id === UNASSIGNED_SWARM_ID) fresh.push(key);
    else {
      const members = groups.get(id);
      if (members === undefined) groups.set(id, [key]);
      else members.push(key);
    }
  }
  for (const [id, members] of groups) addSwarm(state, { id, members });
  return { state, fresh };
}

function toAssignment(state: State, keys: readonly string[]): Map<string, bigint> {
  const swarmOf = new Map<string, bigint>();
  for (const swarm of state.order) for (const node of swarm.members) swarmOf.set(node, swarm.id);
  return new Map(keys.map((key) => [key, swarmOf.get(key)!]));
}

/**
 * The new swarm of every active node, given the current assignment (`current`: node ed25519 key
 * hex → swarm id or UNASSIGNED_SWARM_ID; nodes missing from it are new), the complete list of
 * active node keys (order does not matter) and a u64 seed (oxend uses the block hash's first 8
 * bytes, little-endian). Pure: inputs are never modified. With >= 5 active nodes every swarm of
 * the result holds MIN_SWARM_SIZE..MAX_SWARM_SIZE (5–10) nodes; with 1–4, they share one swarm.
 *
 * Throws HUSH_ERR_BAD_ARGUMENT for a malformed or duplicate key, a bad swarm id or seed;
 * HUSH_ERR_TOO_LARGE for more than MAX_SWARM_NODES active nodes.
 */
export function assignSwarms(
  current: ReadonlyMap<string, bigint>,
  active: readonly string[],
  seed: bigint,
): Map<string, bigint> {
  if (!(current instanceof Map)) throw badArgument('current must be a Map', { field: 'current' });
  const keys = [...checkActive(active)].sort();
  const rng = createPrng(seed);
  if (keys.length === 0) return new Map();
  const { state, fresh } = initialState(current, keys, rng);
  if (state.order.length === 0) addSwarm(state, { id: newSwarmId([]), members: [] });
  assignNodes(state, fresh, FILL_SWARM_LOWER_PERCENTILE);
  robinHood(state);
  createSwarmsFromExcess(state);
  dissolveStarving(state);
  splitOversized(state);
  return toAssignment(state, keys);
}
