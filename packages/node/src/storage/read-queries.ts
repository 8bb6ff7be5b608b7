/**
 * Reads, on a read-only connection of the main thread (WAL lets them run beside the writer).
 * Expired rows are filtered by `now` here, so nothing expired is ever returned even before the
 * sweeper deletes it.
 */
import type Database from 'better-sqlite3';
import { LIMITS } from '../limits.ts';
import type { StoredMessage } from './write-ops.ts';

type Row = Record<string, unknown>;
/** A raw `page` row: hash, timestamp, expiry, data. */
type PageRow = readonly [unknown, unknown, unknown, Buffer];

export interface RetrievedMessage {
  readonly hash: string;
  readonly timestamp: number;
  readonly expiry: number;
  readonly data: Buffer;
}

export interface RetrieveQuery {
  readonly owner: Uint8Array;
  readonly namespace: number;
  /** Page after this hash; `null` (or a hash not found) = from the start. */
  readonly lastHash: string | null;
  readonly maxCount: number | null;
  /** Bytes, counted as SS does: overhead + hash + data×4/3 per message; at least one message is returned. */
  readonly maxSize: number | null;
  readonly now: number;
}

export interface StoredRow extends StoredMessage {
  readonly id: number;
}

export interface ReadQueries {
  retrieve(q: RetrieveQuery): { messages: RetrievedMessage[]; more: boolean };
  getExpiries(owner: Uint8Array, hashes: readonly string[], now: number): Map<string, number>;
  isRevoked(owner: Uint8Array, token: Uint8Array): boolean;
  /** Unexpired rows with id > afterId in id order (swarm pushes). */
  scan(afterId: number, now: number, limit: number): StoredRow[];
  /** Rows and data bytes in the store (kept by triggers; expired rows count until swept). */
  stats(now?: number): { messages: number; bytes: number };
}

function buf(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

// INDEXED BY: with statistics (ANALYZE) SQLite may prefer a rowid scan of the whole table. No
// `LIMIT ?`: a bound LIMIT makes SQLite re-prepare (re-parse and re-plan) the statement on every
// run, which doubled the cost of a retrieve. Without a count, rows are stepped lazily and the loop
// stops when the size is reached (index order = id order, so there is no sort); with a count of
// at most LIMITS.retrievePreparedCounts, a statement with that literal LIMIT (count + 1, to know
// whether there is more) is prepared once and kept: `.all()` costs less than stepping an iterator.
// Raw rows (arrays, not objects with four named properties): a quarter less per retrieve.
const PAGE_SQL =
  'SELECT hash, timestamp, expiry, data FROM messages INDEXED BY messages_owner WHERE owner = ? AND namespace = ? AND id > ? AND expiry > ? ORDER BY id';

export function createReadQueries(db: Database.Database): ReadQueries {
  const st = {
    lastId: db.prepare('SELECT id FROM messages WHERE hash = ? AND owner = ? AND namespace = ?'),
    page: db.prepare(PAGE_SQL).raw(true),
    revoked: db.prepare('SELECT 1 FROM revoked_subaccounts WHERE owner = ? AND token = ?'),
    scan: db.prepare(
      'SELECT id, owner, namespace, hash, timestamp, expiry, data FROM messages WHERE id > ? AND expiry > ? ORDER BY id LIMIT ?',
    ),
    stats: db.prepare('SELECT messages AS n, bytes FROM totals WHERE id = 0'),
  };

  /** Statements with a literal LIMIT, by count (see PAGE_SQL); at most LIMITS.retrievePreparedCounts. */
  const limited = new Map<number, Database.Statement>();
  function pageRows(owner: Buffer, q: RetrieveQuery, afterId: number, count: number | null): Iterable<PageRow> {
    if (count === null || count > LIMITS.retrievePreparedCounts) return st.page.iterate(owner, q.namespace, afterId, q.now) as IterableIterator<PageRow>;
    let stmt = limited.get(count);
    if (stmt === undefined) limited.set(count, (stmt = db.prepare(`${PAGE_SQL} LIMIT ${count + 1}`).raw(true)));
    return stmt.all(owner, q.namespace, afterId, q.now) as PageRow[];
  }

  function retrieve(q: RetrieveQuery): { messages: RetrievedMessage[]; more: boolean } {
    const owner = buf(q.owner);
    const last = q.lastHash === null ? undefined : (st.lastId.get(q.lastHash, owner, q.namespace) as Row | undefined);
    const afterId = last === undefined ? 0 : Number(last['id']);
    const count = q.maxCount === null ? null : Math.max(1, q.maxCount);
    const messages: RetrievedMessage[] = [];
    let size = 0;
    for (const r of pageRows(owner, q, afterId, count)) {
      if (count !== null && messages.length >= count) return { messages, more: true };
      const [hashValue, timestamp, expiry, data] = r;
      const hash = String(hashValue);
      if (q.maxSize !== null) {
        size += LIMITS.retrievePerMessageOverhead + hash.length + Math.floor((data.length * 4) / 3);
        if (messages.length > 0 && size > q.maxSize) return { messages, more: true };
      }
      messages.push({ hash, timestamp: Number(timestamp), expiry: Number(expiry), data });
    }
    return { messages, more: false };
  }

  function getExpiries(owner: Uint8Array, hashes: readonly string[], now: number): Map<string, number> {
    const out = new Map<string, number>();
    if (hashes.length === 0) return out;
    const sql = `SELECT hash, expiry FROM messages WHERE owner = ? AND expiry > ? AND hash IN (${hashes.map(() => '?').join(',')})`;
    for (const r of db.prepare(sql).all(buf(owner), now, ...hashes) as Row[]) out.set(String(r['hash']), Number(r['expiry']));
    return out;
  }

  function scan(afterId: number, now: number, limit: number): StoredRow[] {
    return (st.scan.all(afterId, now, limit) as Row[]).map((r) => ({
      id: Number(r['id']),
      owner: r['owner'] as Buffer,
      namespace: Number(r['namespace']),
      hash: String(r['hash']),
      timestamp: Number(r['timestamp']),
      expiry: Number(r['expiry']),
      data: r['data'] as Buffer,
    }));
  }

  return {
    retrieve,
    getExpiries,
    isRevoked: (owner, token) => st.revoked.get(buf(owner), buf(token)) !== undefined,
    scan,
    stats: () => {
      const r = st.stats.get() as Row | undefined;
      return { messages: Number(r?.['n'] ?? 0), bytes: Number(r?.['bytes'] ?? 0) };
    },
  };
}
