/**
 * Waits until every planned node is listed by the registry with a swarm, answers `info`, and sees
 * its swarm's members as the registry lists them (so a store through any node reaches its whole
 * swarm). Fails when a node process exits (its log tail is quoted), the timeout passes (the
 * missing nodes are named), or the caller aborts (the signal's reason is thrown).
 */
import { HushError, UNASSIGNED_SWARM_ID } from '@hush/core';
import type { NodeRecord, RegistrySnapshot } from '@hush/registry';
import { logTail, type NodeProcess } from './node-process.ts';
import type { PlannedNode } from './port-plan.ts';
import { READY_POLL_INTERVAL_MS } from './limits.ts';
import { nodeAnswersInfo } from './storage-rpc.ts';
import { nodeSeesSwarm } from './swarm-view.ts';

export interface WaitReadyOptions {
  readonly snapshot: () => RegistrySnapshot;
  readonly planned: readonly PlannedNode[];
  readonly processes: readonly NodeProcess[];
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

type Status = 'unlisted' | 'silent' | 'behind' | 'ready';

const PROBLEM: Record<Exclude<Status, 'ready'>, string> = {
  unlisted: 'not in a swarm in the registry',
  silent: 'does not answer info',
  behind: 'does not yet see its swarm as the registry lists it',
};

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** The registry record at each planned address, when exactly one node is listed there with a swarm. */
function matchRecords(snapshot: RegistrySnapshot, planned: readonly PlannedNode[]): (NodeRecord | undefined)[] {
  const byAddress = new Map<string, NodeRecord[]>();
  for (const n of snapshot.nodes) {
    const key = `${n.publicIp}:${n.storagePort}`;
    byAddress.set(key, [...(byAddress.get(key) ?? []), n]);
  }
  return planned.map((p) => {
    const found = byAddress.get(`${p.ip}:${p.port}`) ?? [];
    return found.length === 1 && found[0]!.swarmId !== UNASSIGNED_SWARM_ID ? found[0] : undefined;
  });
}

function swarmMembers(snapshot: RegistrySnapshot, swarmId: bigint): Set<string> {
  return new Set(snapshot.nodes.filter((n) => n.swarmId === swarmId).map((n) => n.pubkeyEd25519));
}

function checkExits(processes: readonly NodeProcess[]): void {
  processes.forEach((p, index) => {
    const info = p.exitInfo();
    if (info === undefined) return;
    const how = info.signal === null ? `code ${String(info.code)}` : `signal ${info.signal}`;
    throw new HushError('HUSH_ERR_PROCESS_EXITED', `devnet node ${index} exited during start-up (${how}); log ${p.logPath}:\n${logTail(p.logPath)}`, {
      details: { node: index, code: info.code, signal: info.signal, log: p.logPath },
    });
  });
}

async function nodeStatus(p: PlannedNode, record: NodeRecord | undefined, snapshot: RegistrySnapshot, signal: AbortSignal): Promise<Status> {
  if (record === undefined) return 'unlisted';
  if (!(await nodeAnswersInfo(p.ip, p.port, signal))) return 'silent';
  const sees = await nodeSeesSwarm(p.ip, p.port, record.swarmId, swarmMembers(snapshot, record.swarmId), signal);
  return sees ? 'ready' : 'behind';
}

function timeoutError(planned: readonly PlannedNode[], statuses: readonly Status[], ms: number): HushError {
  const missing = planned.flatMap((p, i) => {
    const status = statuses[i] ?? 'unlisted';
    return status === 'ready' ? [] : [`node ${i} (${p.ip}:${p.port}) ${PROBLEM[status]}`];
  });
  return new HushError('HUSH_ERR_TIMEOUT', `devnet not ready after ${ms} ms: ${missing.join('; ')}`, { details: { missing } });
}

export async function waitReady(options: WaitReadyOptions): Promise<NodeRecord[]> {
  const deadline = AbortSignal.timeout(options.timeoutMs);
  const stop = options.signal === undefined ? deadline : AbortSignal.any([options.signal, deadline]);
  /** Nodes found ready at a given block hash; any registry change re-checks them. */
  const readyAt = new Map<number, string>();
  for (;;) {
    checkExits(options.processes);
    const snapshot = options.snapshot();
    const records = matchRecords(snapshot, options.planned);
    const statuses = await Promise.all(
      options.planned.map((p, i) => (readyAt.get(i) === snapshot.blockHash ? 'ready' : nodeStatus(p, records[i], snapshot, stop))),
    );
    statuses.forEach((s, i) => s === 'ready' && readyAt.set(i, snapshot.blockHash));
    if (statuses.every((s) => s === 'ready') && options.snapshot() === snapshot) return records as NodeRecord[];
    if (options.signal?.aborted === true) throw options.signal.reason;
    if (deadline.aborted) throw timeoutError(options.planned, statuses, options.timeoutMs);
    await sleep(READY_POLL_INTERVAL_MS, stop);
  }
}
