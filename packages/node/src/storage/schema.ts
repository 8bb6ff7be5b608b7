/**
 * SQLite schema of the message store. Same shape as Session's (session-network.md §5.2), with
 * the owner kept inline as its 33-byte prefixed key instead of an `owners` table: one index
 * lookup fewer per request and nothing to garbage-collect. `totals` is kept by triggers so the
 * stored-messages gauges never need a table scan (it counts rows, expired-but-unswept included).
 */
import type Database from 'better-sqlite3';
import { LIMITS } from '../limits.ts';

export const SCHEMA_VERSION = 1;

const SCHEMA_SQL = `
CREATE TABLE IF NOT EXISTS messages (
  id INTEGER PRIMARY KEY,
  hash TEXT NOT NULL UNIQUE,
  owner BLOB NOT NULL,
  namespace INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  expiry INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS messages_owner ON messages(owner, namespace);
CREATE INDEX IF NOT EXISTS messages_expiry ON messages(expiry);
CREATE TABLE IF NOT EXISTS revoked_subaccounts (
  owner BLOB NOT NULL,
  token BLOB NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (owner, token)
);
CREATE TRIGGER IF NOT EXISTS revoked_autoclean AFTER INSERT ON revoked_subaccounts
  WHEN (SELECT COUNT(*) FROM revoked_subaccounts WHERE owner = NEW.owner) > ${LIMITS.maxRevokedPerAccount}
BEGIN
  DELETE FROM revoked_subaccounts WHERE owner = NEW.owner AND token NOT IN (
    SELECT token FROM revoked_subaccounts WHERE owner = NEW.owner
    ORDER BY timestamp DESC LIMIT ${LIMITS.maxRevokedPerAccount});
END;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS totals (id INTEGER PRIMARY KEY CHECK (id = 0), messages INTEGER NOT NULL, bytes INTEGER NOT NULL);
INSERT OR IGNORE INTO totals (id, messages, bytes) SELECT 0, COUNT(*), COALESCE(SUM(LENGTH(data)), 0) FROM messages;
CREATE TRIGGER IF NOT EXISTS totals_insert AFTER INSERT ON messages BEGIN
  UPDATE totals SET messages = messages + 1, bytes = bytes + LENGTH(NEW.data) WHERE id = 0;
END;
CREATE TRIGGER IF NOT EXISTS totals_delete AFTER DELETE ON messages BEGIN
  UPDATE totals SET messages = messages - 1, bytes = bytes - LENGTH(OLD.data) WHERE id = 0;
END;
`;

/**
 * Pragmas for the writer connection: WAL, and synchronous=FULL so that a committed transaction
 * (and therefore every 200 the node sends) survives power loss, not only a process crash.
 */
export function configureWriter(db: Database.Database, sizeLimitBytes: number = LIMITS.dbSizeLimitBytes): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('wal_autocheckpoint = 10000');
  db.pragma('foreign_keys = ON');
  const pageSize = Number(db.pragma('page_size', { simple: true }));
  db.pragma(`max_page_count = ${Math.max(1, Math.floor(sizeLimitBytes / pageSize))}`);
  db.exec(SCHEMA_SQL);
  db.prepare('INSERT OR IGNORE INTO meta (key, value) VALUES (?, ?)').run('schema_version', String(SCHEMA_VERSION));
}

/** Pragmas for read-only connections. */
export function configureReader(db: Database.Database): void {
  db.pragma('query_only = ON');
}
