/**
 * Progress lines while `hush devnet up` waits for swarms to form (10–40 s on a loaded machine):
 * asks each planned node's status port whether it is ready (in a swarm), and reports
 * "k/N nodes ready" when the count changes, or every few seconds when it does not.
 */
import { join } from 'node:path';
import { parsePlan, PLAN_FILE } from '@hush/devnet';
import type { PlannedNode } from '@hush/devnet';
import { httpGet } from './http-get.ts';
import { DEVNET_PROGRESS_POLL_MS, DEVNET_PROGRESS_QUIET_MS, MAX_DEVNET_FILE_BYTES, MAX_STATUS_BYTES } from './limits.ts';
import { DEVNET_STATUS_HOST } from './node-locate.ts';
import { readTextFileIfExists } from './read-text-file.ts';

export interface DevnetProgressOptions {
  readonly dir: string;
  readonly nodes: number;
  readonly report: (line: string) => void;
  readonly clock?: () => number;
}

async function plannedNodes(dir: string, count: number): Promise<readonly PlannedNode[]> {
  const path = join(dir, PLAN_FILE);
  const text = await readTextFileIfExists(path, MAX_DEVNET_FILE_BYTES, `cannot read ${path}`);
  return text === undefined ? [] : parsePlan(text).nodes.slice(0, count);
}

async function isReady(node: PlannedNode): Promise<boolean> {
  try {
    const reply = await httpGet(`http://${DEVNET_STATUS_HOST}:${node.metricsPort}/status`, { timeoutMs: DEVNET_PROGRESS_POLL_MS, maxBytes: MAX_STATUS_BYTES });
    const doc: unknown = reply.status === 200 ? JSON.parse(reply.body) : undefined;
    return typeof doc === 'object' && doc !== null && (doc as { ready?: unknown }).ready === true;
  } catch {
    return false;
  }
}

async function readyCount(dir: string, count: number): Promise<number> {
  const planned = await plannedNodes(dir, count).catch(() => []);
  const ready = await Promise.all(planned.map(isReady));
  return ready.filter(Boolean).length;
}

/** Starts reporting; the returned function stops it (no line is printed after it returns). */
export function watchDevnetProgress(o: DevnetProgressOptions): () => void {
  const clock = o.clock ?? Date.now;
  const started = clock();
  let stopped = false;
  let lastCount = -1;
  let lastLine = started;
  let timer: NodeJS.Timeout | undefined;
  const tick = async (): Promise<void> => {
    const ready = await readyCount(o.dir, o.nodes);
    if (stopped) return;
    const now = clock();
    if (ready !== lastCount || now - lastLine >= DEVNET_PROGRESS_QUIET_MS) {
      o.report(`waiting for swarms to form: ${ready}/${o.nodes} nodes ready (${Math.round((now - started) / 1000)} s)`);
      lastCount = ready;
      lastLine = now;
    }
    timer = setTimeout(() => void tick(), DEVNET_PROGRESS_POLL_MS);
    timer.unref();
  };
  timer = setTimeout(() => void tick(), DEVNET_PROGRESS_POLL_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
