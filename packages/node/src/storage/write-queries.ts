/**
 * The SQL of every write (SS storage/database.cpp semantics): store with dedup by hash (a
 * duplicate only raises the expiry), public-outbox replacement, deletes and expiry updates that
 * return what they touched, revocations, and the expiry sweep. Messages already expired (by the
 * caller's `now`) are never touched or reported: they are as good as swept.
 */
import type Database from 'better-sqlite3';
import type { Affected, NamespaceSel, StoredMessage, WriteOp, WriteResults } from './write-ops.ts';

type Row = Record<string, unknown>;

function buf(u: Uint8Array): Buffer {
  return Buffer.isBuffer(u) ? u : Buffer.from(u.buffer, u.byteOffset, u.byteLength);
}

function placeholders(n: number): string {
  return new Array<string>(n).fill('?').join(',');
}

function affectedRows(rows: readonly Row[]): Affected {
  return rows.map((r) => [Number(r['namespace']), String(r['hash'])]);
}

export type WriteExecutor = <O extends WriteOp>(op: O) => WriteResults[O['op']];

export function createWriteExecutor(db: Database.Database): WriteExecutor {
  const st = {
    deleteOutbox: db.prepare('DELETE FROM messages WHERE owner = ? AND namespace = ? AND hash != ?'),
    existing: db.prepare('SELECT id, expiry FROM messages WHERE hash = ?'),
    raiseExpiry: db.prepare('UPDATE messages SET expiry = ? WHERE id = ?'),
    insertIgnore: db.prepare(
      'INSERT INTO messages (hash, owner, namespace, timestamp, expiry, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    deleteAllNs: db.prepare('DELETE FROM messages WHERE owner = ? AND namespace = ? AND expiry > ? RETURNING namespace, hash'),
    deleteAll: db.prepare('DELETE FROM messages WHERE owner = ? AND expiry > ? RETURNING namespace, hash'),
    deleteBeforeNs: db.prepare(
      'DELETE FROM messages WHERE owner = ? AND namespace = ? AND timestamp <= ? AND expiry > ? RETURNING namespace, hash',
    ),
    deleteBefore: db.prepare('DELETE FROM messages WHERE owner = ? AND timestamp <= ? AND expiry > ? RETURNING namespace, hash'),
    expireAllNs: db.prepare(
      'UPDATE messages SET expiry = ? WHERE owner = ? AND namespace = ? AND expiry > ? AND expiry > ? RETURNING namespace, hash',
    ),
    expireAll: db.prepare('UPDATE messages SET expiry = ? WHERE owner = ? AND expiry > ? AND expiry > ? RETURNING namespace, hash'),
    revoke: db.prepare(
      'INSERT INTO revoked_subaccounts (owner, token, timestamp) VALUES (?, ?, ?) ON CONFLICT (owner, token) DO UPDATE SET timestamp = excluded.timestamp',
    ),
    unrevoke: db.prepare('DELETE FROM revoked_subaccounts WHERE owner = ? AND token = ?'),
    sweep: db.prepare('DELETE FROM messages WHERE expiry <= ?'),
  };

  function insertRow(stmt: Database.Statement, m: StoredMessage): Database.RunResult {
    return stmt.run(m.hash, buf(m.owner), m.namespace, m.timestamp, m.expiry, buf(m.data));
  }

  // Insert first (a new message, nearly every store, costs one statement); only on a hash
  // conflict is the stored row looked up. Same outcomes as looking it up first.
  function store(msg: StoredMessage, publicOutbox: boolean): WriteResults['store'] {
    if (publicOutbox) st.deleteOutbox.run(buf(msg.owner), msg.namespace, msg.hash);
    if (insertRow(st.insertIgnore, msg).changes > 0) return { outcome: 'new', expiry: msg.expiry };
    const row = st.existing.get(msg.hash) as Row | undefined;
    if (row === undefined) throw new Error('store: insert ignored but no row has the hash');
    const stored = Number(row['expiry']);
    if (stored >= msg.expiry) return { outcome: 'exists', expiry: stored };
    st.raiseExpiry.run(msg.expiry, row['id']);
    return { outcome: 'extended', expiry: msg.expiry };
  }

  function byNamespace(ns: NamespaceSel, withNs: () => Row[], all: () => Row[]): Affected {
    return affectedRows(ns === null ? all() : withNs());
  }

  function deleteByHash(owner: Uint8Array, hashes: readonly string[], now: number): string[] {
    if (hashes.length === 0) return [];
    const sql = `DELETE FROM messages WHERE owner = ? AND expiry > ? AND hash IN (${placeholders(hashes.length)}) RETURNING hash`;
    return (db.prepare(sql).all(buf(owner), now, ...hashes) as Row[]).map((r) => String(r['hash']));
  }

  function updateExpiry(op: Extract<WriteOp, { op: 'updateExpiry' }>): Array<[string, number]> {
    const cond = op.extendOnly ? ' AND expiry < ?' : op.shortenOnly ? ' AND expiry > ?' : '';
    const sql = `UPDATE messages SET expiry = ? WHERE hash = ? AND owner = ? AND expiry > ?${cond}`;
    const stmt = db.prepare(sql);
    const out: Array<[string, number]> = [];
    op.hashes.forEach((hash, i) => {
      const exp = op.expiries.length === 1 ? op.expiries[0]! : op.expiries[i]!;
      const args: unknown[] = [exp, hash, buf(op.owner), op.now];
      if (cond !== '') args.push(exp);
      if (stmt.run(...args).changes > 0) out.push([hash, exp]);
    });
    return out;
  }

  const run = (op: WriteOp): unknown => {
    switch (op.op) {
      case 'store':
        return store(op.msg, op.publicOutbox);
      case 'bulkStore':
        return { stored: op.msgs.reduce((n, m) => n + insertRow(st.insertIgnore, m).changes, 0) };
      case 'deleteByHash':
        return { hashes: deleteByHash(op.owner, op.hashes, op.now) };
      case 'deleteAll':
        return {
          affected: byNamespace(
            op.namespace,
            () => st.deleteAllNs.all(buf(op.owner), op.namespace, op.now) as Row[],
            () => st.deleteAll.all(buf(op.owner), op.now) as Row[],
          ),
        };
      case 'deleteBefore':
        return {
          affected: byNamespace(
            op.namespace,
            () => st.deleteBeforeNs.all(buf(op.owner), op.namespace, op.before, op.now) as Row[],
            () => st.deleteBefore.all(buf(op.owner), op.before, op.now) as Row[],
          ),
        };
      case 'updateExpiry':
        return { updated: updateExpiry(op) };
      case 'updateAllExpiries':
        return {
          affected: byNamespace(
            op.namespace,
            () => st.expireAllNs.all(op.expiry, buf(op.owner), op.namespace, op.expiry, op.now) as Row[],
            () => st.expireAll.all(op.expiry, buf(op.owner), op.expiry, op.now) as Row[],
          ),
        };
      case 'revoke':
        for (const t of op.tokens) st.revoke.run(buf(op.owner), buf(t), op.now);
        return { count: op.tokens.length };
      case 'unrevoke':
        return { count: op.tokens.reduce((n, t) => n + st.unrevoke.run(buf(op.owner), buf(t)).changes, 0) };
      case 'sweep':
        return { deleted: st.sweep.run(op.now).changes };
    }
  };
  return run as WriteExecutor;
}
