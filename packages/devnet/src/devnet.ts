/**
 * startDevnet: a whole local network on loopback — the registry (in this process) and N service
 * nodes (one child process each, on 127.0.0.(i+2) where possible). Resolves once every node is in
 * a swarm and answers `info`, after writing `<dir>/devnet.json` and logging a table. Everything it
 * started is stopped by `stop()`, on failure, and (SIGKILL) when this process exits; the nodes also
 * exit on their own when this process dies (see exit-with-parent.mjs). Re-running with the same
 * `dir` reuses the port plan, node identities and data, and the registry state.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HushError } from '@hush/core';
import { createRegistry, swarmHex, type NodeRecord, type Registry } from '@hush/registry';
import { writeDevnetFile } from './devnet-file.ts';
import { DEFAULT_BASE_PORT, DEFAULT_READY_TIMEOUT_MS, DEFAULT_REGISTRY_EXPIRY_MS, DEFAULT_STOP_GRACE_MS, MAX_DEVNET_NODES } from './limits.ts';
import { canListen, hasLoopbackRange } from './net-probe.ts';
import { nodeArgs } from './node-args.ts';
import { buildNode, type NodeBuild } from './node-build.ts';
import { spawnNode, type NodeProcess } from './node-process.ts';
import { extendPlan, loadPlan, savePlan, type PlannedNode, type PortPlan } from './port-plan.ts';
import { formatTable } from './table.ts';
import { waitReady } from './wait-ready.ts';

export interface DevnetOptions {
  readonly nodes: number;
  /** Devnet home: plan, registry state, one data dir per node, devnet.json. */
  readonly dir: string;
  /** First port tried when a new plan is made (default 21100); an existing plan is kept. */
  readonly basePort?: number;
  /** Receives the table and progress lines; default: stdout. */
  readonly log?: (line: string) => void;
  readonly signal?: AbortSignal;
  readonly readyTimeoutMs?: number;
  readonly stopGraceMs?: number;
  readonly registryExpiryMs?: number;
  /**
   * Service node entry point: a `.ts` file runs under tsx. Default: the node's JavaScript build
   * made at start from packages/node/src (node-build.ts), removed at stop.
   */
  readonly nodeEntry?: string;
}

export interface DevnetNode {
  readonly index: number;
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly ip: string;
  readonly port: number;
  readonly metricsPort: number;
  /** 16 lowercase hex digits. */
  readonly swarm: string;
  readonly dataDir: string;
  readonly pid: number;
}

export interface Devnet {
  /** Registry URL, e.g. http://127.0.0.1:21100. */
  readonly registry: string;
  readonly nodes: readonly DevnetNode[];
  readonly devnetFile: string;
  stop(): Promise<void>;
}

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

function checkOptions(o: DevnetOptions): void {
  if (!Number.isInteger(o.nodes) || o.nodes < 1 || o.nodes > MAX_DEVNET_NODES) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `nodes: expected an integer in [1, ${MAX_DEVNET_NODES}]`, { details: { field: 'nodes' } });
  }
  if (typeof o.dir !== 'string' || o.dir.length === 0) throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'dir: expected a directory path', { details: { field: 'dir' } });
  if (o.basePort !== undefined && (!Number.isInteger(o.basePort) || o.basePort < 1024 || o.basePort > 65_000)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'basePort: expected an integer in [1024, 65000]', { details: { field: 'basePort' } });
  }
}

async function preparePlan(o: DevnetOptions): Promise<PortPlan> {
  const existing = loadPlan(o.dir);
  if (existing !== undefined && existing.nodes.length >= o.nodes) return existing;
  const plan = await extendPlan(existing, o.nodes, o.basePort ?? DEFAULT_BASE_PORT, await hasLoopbackRange(), canListen);
  savePlan(o.dir, plan);
  return plan;
}

async function startRegistry(registry: Registry, plan: PortPlan, dir: string): Promise<void> {
  try {
    await registry.start();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw cause;
    const { host, port } = plan.registry;
    throw new HushError('HUSH_ERR_BAD_CONFIG', `registry address ${host}:${port} is in use — is a devnet already running in ${dir}?`, {
      details: { field: 'registry.port', port },
      cause,
    });
  }
}

/** Kills every child with SIGKILL (and removes the build) if this process exits while they still run. */
function exitGuard(processes: readonly NodeProcess[], build: NodeBuild | null): () => void {
  const onExit = (): void => {
    processes.forEach((p) => p.killNow());
    build?.remove();
  };
  process.on('exit', onExit);
  return () => process.off('exit', onExit);
}

function describe(index: number, planned: PlannedNode, record: NodeRecord, dataDir: string, pid: number): DevnetNode {
  return {
    index,
    pubkeyEd25519: record.pubkeyEd25519,
    pubkeyX25519: record.pubkeyX25519,
    ip: planned.ip,
    port: planned.port,
    metricsPort: planned.metricsPort,
    swarm: swarmHex(record.swarmId),
    dataDir,
    pid,
  };
}

/** Starts one child per planned node, appending each to `processes` as soon as it exists. */
function spawnNodes(options: DevnetOptions, entry: string, planned: readonly PlannedNode[], registryUrl: string, processes: NodeProcess[]): string[] {
  return planned.map((p, i) => {
    const dataDir = join(options.dir, `node-${i}`);
    mkdirSync(dataDir, { recursive: true });
    const args = nodeArgs({ dataDir, ip: p.ip, port: p.port, metricsPort: p.metricsPort, registry: registryUrl });
    processes.push(spawnNode({ entry, args, cwd: REPO_ROOT, logPath: join(dataDir, 'node.log') }));
    return dataDir;
  });
}

/** Stops the nodes (SIGTERM, then SIGKILL after the grace period), then the registry, then removes the build; idempotent. */
function stopper(processes: readonly NodeProcess[], registry: Registry, graceMs: number, releaseGuard: () => void, build: NodeBuild | null): () => Promise<void> {
  let stopped: Promise<void> | undefined;
  return () => {
    stopped ??= (async () => {
      await Promise.all(processes.map((p) => p.stop(graceMs)));
      releaseGuard();
      await registry.stop();
      build?.remove();
    })();
    return stopped;
  };
}

export async function startDevnet(options: DevnetOptions): Promise<Devnet> {
  checkOptions(options);
  options.signal?.throwIfAborted();
  const log = options.log ?? ((line: string) => void process.stdout.write(`${line}\n`));
  mkdirSync(options.dir, { recursive: true });
  const plan = await preparePlan(options);
  const planned = plan.nodes.slice(0, options.nodes);
  const registry: Registry = createRegistry({
    host: plan.registry.host,
    port: plan.registry.port,
    dataDir: join(options.dir, 'registry'),
    expiryMs: options.registryExpiryMs ?? DEFAULT_REGISTRY_EXPIRY_MS,
  });
  let build: NodeBuild | null = null;
  if (options.nodeEntry === undefined) {
    try {
      build = await buildNode(REPO_ROOT);
    } catch (cause) {
      throw new HushError('HUSH_ERR_INTERNAL', `could not build the service node from ${join(REPO_ROOT, 'packages/node/src')}: ${String((cause as Error)?.message ?? cause).slice(0, 500)}`, { cause });
    }
  }
  try {
    await startRegistry(registry, plan, options.dir);
  } catch (err) {
    build?.remove();
    throw err;
  }
  const processes: NodeProcess[] = [];
  const stop = stopper(processes, registry, options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS, exitGuard(processes, build), build);
  try {
    const dataDirs = spawnNodes(options, options.nodeEntry ?? build!.entry, planned, registry.url, processes);
    log(`devnet: registry ${registry.url}, starting ${planned.length} nodes in ${options.dir}`);
    const records = await waitReady({
      snapshot: () => registry.snapshot(),
      planned,
      processes,
      timeoutMs: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const nodes = planned.map((p, i) => describe(i, p, records[i]!, dataDirs[i]!, processes[i]!.pid));
    const devnetFile = writeDevnetFile(options.dir, registry.url, nodes);
    log(formatTable(registry.url, nodes).trimEnd());
    return { registry: registry.url, nodes, devnetFile, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
