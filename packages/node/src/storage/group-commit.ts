/**
 * Group commit: writes arriving within `windowMs` (and any arriving while commits are in flight)
 * are sent to the writer thread as one batch = one transaction = one fsync; every caller's promise
 * resolves only after that commit. One batch is in flight at a time: everything that arrives
 * during a commit joins the next batch, which is posted the moment the commit's reply arrives
 * (before the replies are processed), so the writer idles only for one message hop. A second
 * batch in flight would start earlier but hold only the few writes that arrived before it, and
 * every later write would wait for two commits instead of one: measured under HTTPS load, one in
 * flight gives larger batches, fewer fsyncs per write and 10–25% more stores per second.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { HushError } from '@hush/core';
import type { Logger } from '../log/logger.ts';
import { decodeStoreReplies, encodeStoreBatch, isPackableStore, type StoreOp } from './store-batch.ts';
import type { WriteOp, WriteReply, WriteResultOf } from './write-ops.ts';

export interface GroupCommitOptions {
  readonly dbPath: string;
  readonly windowMs: number;
  readonly maxBatch: number;
  readonly maxQueue: number;
  readonly sizeLimitBytes: number;
  readonly logger: Logger;
}

export interface GroupCommitStats {
  readonly batches: number;
  readonly ops: number;
  readonly lastBatchSize: number;
  readonly queued: number;
}

export interface GroupCommit {
  /** Starts the writer thread; resolves once the database is open and its schema exists. */
  start(): Promise<void>;
  submit<O extends WriteOp>(op: O): Promise<WriteResultOf<O>>;
  /** Commits everything queued, then closes the database and the thread. */
  stop(): Promise<void>;
  stats(): GroupCommitStats;
}

const MAX_IN_FLIGHT = 1;

interface Pending {
  readonly op: WriteOp;
  resolve(value: unknown): void;
  reject(err: Error): void;
}

type WorkerMessage =
  | { type: 'ready' }
  | { type: 'closed' }
  | { type: 'done'; id: number; replies: WriteReply[] }
  /** Replies of a store batch, packed (store-batch.ts). */
  | { type: 'stored'; id: number; packed: ArrayBuffer };

/** The batch as the writer thread takes it: only stores → one transferred buffer (store-batch.ts). */
function post(worker: Worker, id: number, items: readonly Pending[]): void {
  const ops = items.map((p) => p.op);
  if (ops.every(isPackableStore)) {
    const buf = encodeStoreBatch(ops as StoreOp[]);
    worker.postMessage({ type: 'stores', id, buf }, [buf]);
  } else worker.postMessage({ type: 'batch', id, ops });
}

function writeError(reply: Extract<WriteReply, { ok: false }>): HushError {
  return new HushError('HUSH_ERR_STORAGE', `storage write failed: ${reply.error}`, { details: { sqlite: reply.code ?? null } });
}

export function createGroupCommit(options: GroupCommitOptions): GroupCommit {
  let worker: Worker | undefined;
  let queue: Pending[] = [];
  const inFlight = new Map<number, Pending[]>();
  let timer: NodeJS.Timeout | undefined;
  let immediate = false;
  let nextId = 1;
  let dead: Error | undefined;
  let stopping = false;
  let drained: (() => void) | undefined;
  const counters = { batches: 0, ops: 0, lastBatchSize: 0 };

  const failAll = (err: Error): void => {
    dead = err;
    const items = [...[...inFlight.values()].flat(), ...queue];
    inFlight.clear();
    queue = [];
    for (const p of items) p.reject(err);
    drained?.();
  };

  const flush = (): void => {
    timer = undefined;
    immediate = false;
    if (inFlight.size >= MAX_IN_FLIGHT || queue.length === 0 || worker === undefined) return;
    const items = queue.splice(0, options.maxBatch);
    const id = nextId++;
    inFlight.set(id, items);
    counters.batches++;
    counters.ops += items.length;
    counters.lastBatchSize = items.length;
    post(worker, id, items);
  };

  const schedule = (): void => {
    if (inFlight.size >= MAX_IN_FLIGHT || timer !== undefined || immediate) return;
    if (inFlight.size > 0 || queue.length >= options.maxBatch || options.windowMs <= 0) {
      immediate = true;
      setImmediate(flush);
    } else timer = setTimeout(flush, options.windowMs);
  };

  const onDone = (id: number, replies: WriteReply[]): void => {
    const items = inFlight.get(id);
    if (items === undefined) return;
    inFlight.delete(id);
    items.forEach((p, i) => {
      const r = replies[i];
      if (r === undefined) p.reject(new HushError('HUSH_ERR_STORAGE', 'storage write failed: no reply'));
      else if (r.ok) p.resolve(r.value);
      else p.reject(writeError(r));
    });
    if (queue.length > 0) flush();
    else if (inFlight.size === 0) drained?.();
  };

  const start = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      // The node's JavaScript build (packages/devnet/src/node-build.ts) puts writer-worker.mjs
      // beside the bundle; from the TypeScript sources, worker-boot.mjs loads writer-worker.ts
      // with tsx's in-thread require hook. execArgv []: not the main thread's `--import tsx` (an
      // ESM loader with a hooks thread of its own).
      const built = new URL('./writer-worker.mjs', import.meta.url);
      const fromBuild = existsSync(fileURLToPath(built));
      const entry = new URL('./writer-worker.ts', import.meta.url).href;
      const workerData = { entry, dbPath: options.dbPath, sizeLimitBytes: options.sizeLimitBytes };
      const w = new Worker(fromBuild ? built : new URL('./worker-boot.mjs', import.meta.url), { execArgv: [], workerData });
      worker = w;
      w.on('message', (m: WorkerMessage) => {
        if (m.type === 'ready') resolve();
        else if (m.type === 'done') onDone(m.id, m.replies);
        else if (m.type === 'stored') onDone(m.id, decodeStoreReplies(m.packed));
      });
      w.on('error', (err) => {
        options.logger.error('storage_writer_failed', { error: err });
        failAll(err);
        reject(err);
      });
      w.on('exit', (code) => {
        if (!stopping) failAll(new Error(`storage writer exited (code ${code})`));
      });
    });

  const submit = <O extends WriteOp>(op: O): Promise<WriteResultOf<O>> => {
    if (dead !== undefined) return Promise.reject(dead);
    if (stopping) return Promise.reject(new HushError('HUSH_ERR_STORAGE', 'storage is stopping'));
    if (queue.length >= options.maxQueue) return Promise.reject(new HushError('HUSH_ERR_STORAGE', 'storage write queue is full', { details: { reason: 'queue_full' } }));
    return new Promise<WriteResultOf<O>>((resolve, reject) => {
      queue.push({ op, resolve: resolve as (v: unknown) => void, reject });
      schedule();
    });
  };

  const stop = async (): Promise<void> => {
    if (worker === undefined) return;
    stopping = true;
    if (timer !== undefined) clearTimeout(timer);
    flush();
    if (inFlight.size > 0 || queue.length > 0) await new Promise<void>((r) => (drained = r));
    const w = worker;
    worker = undefined;
    if (dead === undefined) {
      await new Promise<void>((resolve) => {
        w.once('exit', () => resolve());
        w.postMessage({ type: 'close' });
      });
    } else {
      await w.terminate();
    }
  };

  return { start, submit, stop, stats: () => ({ ...counters, queued: queue.length }) };
}
