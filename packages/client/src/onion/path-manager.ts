/**
 * Onion paths (§7.6): `minPaths` paths of `pathHops` nodes, each starting at a tested guard node
 * that is kept while healthy. Failures are counted per path (retired at `pathFailureThreshold`,
 * its nodes each get a strike and its guard is dropped) and per node in the pool (a struck-out
 * node is replaced on every path; a struck-out guard retires its path). Builds run one at a time.
 * A request to node D uses a path without D and without D's IP; when every path has one, a
 * one-off variant of a path is made with D's stand-ins replaced.
 */
import { HushError } from '@hush/core';
import type { ClientLimits } from '../limits.ts';
import type { NodePool } from '../node-pool/node-pool.ts';
import type { ServiceNode } from '../node-pool/service-node.ts';
import { throwIfAborted, untilAborted } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { Random } from '../runtime/random.ts';
import { pick, shuffled } from '../runtime/random.ts';
import type { GuardTest } from './guard-test.ts';
import { pathHasNode, pathTouches, type OnionPath, type OnionPathInfo } from './onion-path.ts';
import { selectPathNodes } from './select-path-nodes.ts';

export type PathLimits = Pick<ClientLimits, 'pathHops' | 'minPaths' | 'pathFailureThreshold' | 'guardSelectionRounds'>;

export interface PathManagerOptions {
  readonly pool: NodePool;
  readonly random: Random;
  readonly logger: ClientLogger;
  readonly limits: PathLimits;
  readonly testGuard: GuardTest;
}

export interface PathManager {
  /** Builds the first paths. */
  start(signal?: AbortSignal): Promise<void>;
  stop(): void;
  paths(): readonly OnionPathInfo[];
  /** The current path with this id (its nodes with their keys), or undefined when it is gone. */
  path(id: number): OnionPath | undefined;
  guards(): readonly ServiceNode[];
  /** A good path for a request to `destination` (null: a server), building paths if there are none. */
  pathFor(destination: Pick<ServiceNode, 'ed25519' | 'ip'> | null, signal?: AbortSignal): Promise<OnionPath>;
  /** One failure of the path with this id; `penalized`: nodes already given a strike for it. */
  reportPathFailure(pathId: number, penalized?: ReadonlySet<string>): void;
  /** A failure of one node (`force`: it is gone, e.g. "Next node not found"). */
  reportNodeFailure(ed25519: string, force: boolean): void;
}

interface PathState extends OnionPath {
  failures: number;
}

function noPath(message: string, details: Record<string, unknown>): HushError {
  return new HushError('HUSH_ERR_NO_PATH', message, { details });
}

export function createPathManager(options: PathManagerOptions): PathManager {
  const { pool, random, logger, limits } = options;
  let paths: PathState[] = [];
  let guards: ServiceNode[] = [];
  let nextId = 1;
  let building: Promise<void> | undefined;
  let lifetime = new AbortController();
  let seenVersion = -1;

  const usedKeys = (): Set<string> => new Set(paths.flatMap((p) => p.nodes.map((n) => n.ed25519)));
  /** Nodes a new hop should not be: those on paths, the guards (kept for their own paths), and nodes that failed lately. */
  const busyKeys = (): Set<string> => {
    const failed = pool.usable().filter((n) => pool.failureCount(n.ed25519) > 0);
    return new Set([...usedKeys(), ...guards.map((g) => g.ed25519), ...failed.map((n) => n.ed25519)]);
  };
  const healthy = (n: ServiceNode): boolean => pool.get(n.ed25519) !== undefined && !pool.isStruckOut(n.ed25519);

  function retire(path: PathState, why: string): void {
    paths = paths.filter((p) => p !== path);
    guards = guards.filter((g) => g.ed25519 !== path.nodes[0]?.ed25519);
    logger.info('path_retired', { id: path.id, why });
  }

  /** Replaces unhealthy non-guard hops; retires the path when its guard is unhealthy or no stand-in fits. */
  function repair(path: PathState): void {
    if (path.nodes.every(healthy)) return;
    const guard = path.nodes[0];
    if (guard === undefined || !healthy(guard)) return retire(path, 'guard failed');
    const kept = path.nodes.filter(healthy);
    const others = new Set([...busyKeys()].filter((k) => !pathHasNode(path, k)));
    const nodes = selectPathNodes(random, { start: kept, hops: limits.pathHops, candidates: pool.usable(), avoid: others });
    if (nodes === null) return retire(path, 'no stand-in for a failed node');
    paths = paths.map((p) => (p === path ? { id: path.id, nodes, failures: path.failures } : p));
  }

  /** Tests random unused nodes, `count` at a time, until `count` new guards pass or rounds run out. */
  async function newGuards(count: number, signal: AbortSignal): Promise<void> {
    const taken = new Set([...usedKeys(), ...guards.map((g) => g.ed25519)]);
    const free = shuffled(random, pool.usable().filter((n) => !taken.has(n.ed25519)));
    // Nodes without recent failures first.
    const candidates = [...free.filter((n) => pool.failureCount(n.ed25519) === 0), ...free.filter((n) => pool.failureCount(n.ed25519) > 0)];
    let added = 0;
    for (let round = 0; round < limits.guardSelectionRounds && added < count && candidates.length > 0; round++) {
      const batch = candidates.splice(0, count - added);
      const results = await Promise.all(batch.map((n) => options.testGuard(n, signal)));
      throwIfAborted(signal, 'guard selection');
      batch.forEach((n, i) => {
        if (results[i] !== true) return void pool.recordFailure(n.ed25519);
        guards.push(n);
        added++;
      });
    }
  }

  function addPath(guard: ServiceNode): boolean {
    const avoid = busyKeys();
    const nodes = selectPathNodes(random, { start: [guard], hops: limits.pathHops, candidates: pool.usable(), avoid });
    if (nodes === null) return false;
    paths.push({ id: nextId++, nodes, failures: 0 });
    logger.info('path_built', { id: nextId - 1, nodes: nodes.map((n) => n.ed25519.slice(0, 8)) });
    return true;
  }

  const freeGuards = (): ServiceNode[] => guards.filter((g) => !paths.some((p) => p.nodes[0]?.ed25519 === g.ed25519));

  async function fill(signal: AbortSignal): Promise<void> {
    [...paths].forEach(repair);
    guards = guards.filter(healthy);
    const missing = limits.minPaths - paths.length;
    if (missing <= 0) return;
    if (freeGuards().length < missing) await newGuards(missing - freeGuards().length, signal);
    for (const guard of freeGuards()) {
      if (paths.length >= limits.minPaths) break;
      if (!addPath(guard)) guards = guards.filter((g) => g !== guard);
    }
  }

  async function build(signal: AbortSignal): Promise<void> {
    await fill(signal);
    if (paths.length > 0) return;
    await pool.refresh({ fromSeed: true, signal });
    await fill(signal);
    if (paths.length === 0) {
      throw noPath(`cannot build an onion path from ${pool.usable().length} usable nodes`, { usable: pool.usable().length, hops: limits.pathHops });
    }
  }

  function ensure(signal?: AbortSignal): Promise<void> {
    building ??= build(lifetime.signal).finally(() => {
      building = undefined;
    });
    return untilAborted(building, signal, 'onion path build');
  }

  function background(): void {
    if (paths.length < limits.minPaths) ensure().catch((err: unknown) => logger.warn('path_build_failed', { error: String(err) }));
  }

  /** A one-off copy of a path with the nodes that touch `dest` replaced. */
  function variantAvoiding(dest: Pick<ServiceNode, 'ed25519' | 'ip'>): OnionPath | null {
    for (const path of shuffled(random, paths)) {
      const guard = path.nodes[0];
      if (guard === undefined || guard.ed25519 === dest.ed25519 || guard.ip === dest.ip) continue;
      const start = path.nodes.filter((n) => n.ed25519 !== dest.ed25519 && n.ip !== dest.ip);
      const nodes = selectPathNodes(random, { start, hops: limits.pathHops, candidates: pool.usable(), exclude: [dest] });
      if (nodes !== null) return { id: path.id, nodes };
    }
    return null;
  }

  return {
    async start(signal) {
      lifetime = new AbortController();
      await ensure(signal);
    },
    stop() {
      lifetime.abort(new HushError('HUSH_ERR_ABORTED', 'onion paths stopped', { details: { what: 'path manager' } }));
    },
    paths: () => paths.map((p) => ({ id: p.id, failures: p.failures, nodes: p.nodes.map((n) => ({ ed25519: n.ed25519, ip: n.ip, port: n.port })) })),
    path(id) {
      const found = paths.find((p) => p.id === id);
      return found === undefined ? undefined : { id: found.id, nodes: [...found.nodes] };
    },
    guards: () => [...guards],
    async pathFor(destination, signal) {
      throwIfAborted(signal, 'onion path');
      if (pool.version() !== seenVersion) {
        seenVersion = pool.version(); // a new node list: nodes that left it leave the paths
        [...paths].forEach(repair);
        guards = guards.filter(healthy);
      }
      if (paths.length === 0) await ensure(signal);
      else background();
      const fits = destination === null ? paths : paths.filter((p) => !pathTouches(p, destination));
      const chosen = pick(random, fits) ?? (destination === null ? undefined : variantAvoiding(destination));
      if (chosen === undefined || chosen === null) {
        throw noPath('no onion path avoids the destination', { destination: destination?.ed25519 ?? null, paths: paths.length });
      }
      return { id: chosen.id, nodes: chosen.nodes };
    },
    reportPathFailure(pathId, penalized = new Set()) {
      const path = paths.find((p) => p.id === pathId);
      if (path === undefined) return;
      path.failures++;
      if (path.failures < limits.pathFailureThreshold) return;
      retire(path, `${path.failures} failures`);
      for (const n of path.nodes) if (!penalized.has(n.ed25519)) pool.recordFailure(n.ed25519);
      [...paths].forEach(repair);
      background();
    },
    reportNodeFailure(ed25519, force) {
      if (!pool.recordFailure(ed25519, force)) return;
      [...paths].filter((p) => pathHasNode(p, ed25519)).forEach(repair);
      background();
    },
  };
}
