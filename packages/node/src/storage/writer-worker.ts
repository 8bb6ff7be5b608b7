/**
 * The writer thread: owns the only read-write connection. Each message is a batch of write ops;
 * the batch runs as ONE transaction (one fsync: group commit). The reply is sent only after the
 * commit returned, so a reply means durable.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { configureWriter } from './schema.ts';
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
  port.on('message', (msg: BatchMessage | { type: 'close' }) => {
    if (msg.type === 'close') {
      db.close();
      port.postMessage({ type: 'closed' });
      port.close();
      return;
    }
    let replies: WriteReply[];
    try {
      replies = batch(msg.ops);
    } catch (err) {
      const failed = errorReply(err);
      replies = msg.ops.map(() => failed);
    }
    port.postMessage({ type: 'done', id: msg.id, replies });
  });
  port.postMessage({ type: 'ready' });
}

main();
