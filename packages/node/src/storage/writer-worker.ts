/**
 * The writer thread: owns the only read-write connection. Each message is a batch of write ops;
 * the batch runs as ONE transaction (one fsync: group commit). The reply is sent only after the
 * commit returned, so a reply means durable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureWriter } from './schema.ts';
import { decodeStoreBatch, encodeStoreReplies } from './store-batch.ts';
import { createWriteExecutor } from './write-queries.ts';
import type { WriteOp, WriteReply } from './write-ops.ts';

interface Init {
  readonly dbPath: string;
  readonly sizeLimitBytes: number;
}

interface BatchMessage {
  readonly type: 'batch';
  readonly id: number;
  readonly ops: readonly WriteOp[];
}

/** Store ops only, packed by store-batch.ts. */
interface StoresMessage {
  readonly type: 'stores';
  readonly id: number;
  readonly buf: ArrayBuffer;
}

function errorReply(err: unknown): WriteReply {
  const code = typeof (err as { code?: unknown })?.code === 'string' ? String((err as { code: string }).code) : undefined;
  const error = err instanceof Error ? err.message : String(err);
  return code === undefined ? { ok: false, error } : { ok: false, error, code };
}

function main(): void {
  const port = parentPort;
  if (port === null) throw new Error('writer-worker must run in a worker thread');
  const init = workerData as Init;
  const db = new Database(init.dbPath);
  configureWriter(db, init.sizeLimitBytes);
  const exec = createWriteExecutor(db);
  const one = db.transaction((op: WriteOp) => exec(op));
  const all = db.transaction((ops: readonly WriteOp[]): WriteReply[] => ops.map((op) => ({ ok: true, value: exec(op) })));
  // The whole batch in one transaction; if any op fails (e.g. database full) the batch is rolled
  // back and each op is run in its own transaction, so one failure does not fail the others.
  const batch = (ops: readonly WriteOp[]): WriteReply[] => {
    try {
      return all(ops);
    } catch {
      return ops.map((op) => {
        try {
          return { ok: true, value: one(op) };
        } catch (err) {
          return errorReply(err);
        }
      });
    }
  };
  const run = (ops: readonly WriteOp[]): WriteReply[] => {
    try {
      return batch(ops);
    } catch (err) {
      const failed = errorReply(err);
      return ops.map(() => failed);
    }
  };
  port.on('message', (msg: BatchMessage | StoresMessage | { type: 'close' }) => {
    if (msg.type === 'close') {
      db.close();
      port.postMessage({ type: 'closed' });
      port.close();
      return;
    }
    if (msg.type === 'batch') {
      port.postMessage({ type: 'done', id: msg.id, replies: run(msg.ops) });
      return;
    }
    let ops: WriteOp[];
    try {
      ops = decodeStoreBatch(msg.buf);
    } catch {
      // Cannot happen with store-batch.ts's own encoding; no replies → every write fails (no reply), none hangs.
      port.postMessage({ type: 'done', id: msg.id, replies: [] });
      return;
    }
    const replies = run(ops);
    const packed = encodeStoreReplies(replies);
    if (packed === null) port.postMessage({ type: 'done', id: msg.id, replies });
    else port.postMessage({ type: 'stored', id: msg.id, packed }, [packed]);
  });
  port.postMessage({ type: 'ready' });
}

main();
