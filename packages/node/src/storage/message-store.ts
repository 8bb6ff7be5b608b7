/**
 * The message store component: `<dataDir>/storage.db` (SQLite, WAL, synchronous=FULL). Writes go
 * through the group-commit writer thread and resolve once durable; reads run synchronously on a
 * read-only connection of the calling thread.
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LIMITS } from '../limits.ts';
import type { Logger } from '../log/logger.ts';
import { createGroupCommit, type GroupCommitStats } from './group-commit.ts';
import { configureReader } from './schema.ts';
import { createReadQueries, type ReadQueries } from './read-queries.ts';
import type { WriteOp, WriteResultOf } from './write-ops.ts';

export const DB_FILE = 'storage.db';

export interface MessageStore extends ReadQueries {
  start(): Promise<void>;
  stop(): Promise<void>;
  write<O extends WriteOp>(op: O): Promise<WriteResultOf<O>>;
  commitStats(): GroupCommitStats;
}

export interface MessageStoreOptions {
  readonly dataDir: string;
  readonly logger: Logger;
  readonly groupCommitWindowMs?: number;
  readonly sizeLimitBytes?: number;
  /** Called after a write that stored a new message (client store, fan-out or push), once durable. */
  readonly onNewMessage?: (owner: Uint8Array, namespace: number) => void;
}

/** The accounts and namespaces a write added messages to. */
function newMessagesOf(op: WriteOp, result: unknown): Array<readonly [Uint8Array, number]> {
  if (op.op === 'store') return (result as WriteResultOf<typeof op>).outcome === 'new' ? [[op.msg.owner, op.msg.namespace]] : [];
  if (op.op === 'bulkStore') return (result as WriteResultOf<typeof op>).stored > 0 ? op.msgs.map((m) => [m.owner, m.namespace] as const) : [];
  return [];
}

export function createMessageStore(options: MessageStoreOptions): MessageStore {
  const dbPath = join(options.dataDir, DB_FILE);
  const writer = createGroupCommit({
    dbPath,
    windowMs: options.groupCommitWindowMs ?? LIMITS.groupCommitWindowMs,
    maxBatch: LIMITS.groupCommitMaxBatch,
    maxQueue: LIMITS.groupCommitMaxQueue,
    sizeLimitBytes: options.sizeLimitBytes ?? LIMITS.dbSizeLimitBytes,
    logger: options.logger,
  });
  let reader: Database.Database | undefined;
  let reads: ReadQueries | undefined;

  const r = (): ReadQueries => {
    if (reads === undefined) throw new Error('message store is not started');
    return reads;
  };

  return {
    async start() {
      await writer.start();
      reader = new Database(dbPath, { fileMustExist: true });
      configureReader(reader);
      reads = createReadQueries(reader);
    },
    async stop() {
      await writer.stop();
      reads = undefined;
      reader?.close();
      reader = undefined;
    },
    async write(op) {
      const result = await writer.submit(op);
      const notify = options.onNewMessage;
      if (notify !== undefined) for (const [owner, namespace] of newMessagesOf(op, result)) notify(owner, namespace);
      return result;
    },
    commitStats: () => writer.stats(),
    retrieve: (q) => r().retrieve(q),
    getExpiries: (o, h, n) => r().getExpiries(o, h, n),
    isRevoked: (o, t) => r().isRevoked(o, t),
    scan: (a, n, l) => r().scan(a, n, l),
    stats: (n) => r().stats(n),
  };
}
