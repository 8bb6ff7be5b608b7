/**
 * Version 1 of the messenger database's tables. Later versions never edit this text: they add a
 * migration (db-migrations.ts) that alters what is here. Columns are snake_case; enumerations are
 * stored as the public types' strings and checked when read back (row-mapping.ts), not with CHECK
 * constraints, so a later version can add a value without rebuilding a table.
 *
 * Messages are identified across devices and re-polls by (author, sent_at), as Session does
 * (desktop's duplicate check on source + sent_at). Message ids are AUTOINCREMENT so an id is never
 * reused after a delete (the UI keys rows by it).
 */
export const SCHEMA_V1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE conversations (
  id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  approved_me INTEGER NOT NULL DEFAULT 0,
  disappearing_mode TEXT NOT NULL DEFAULT 'off',
  disappearing_seconds INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  last_activity_at INTEGER NOT NULL
);
CREATE INDEX conversations_by_state ON conversations (state, last_activity_at DESC, id);

CREATE TABLE messages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  conversation_id TEXT NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  direction TEXT NOT NULL,
  author TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  received_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  delivery TEXT NOT NULL,
  stored_on INTEGER NOT NULL,
  swarm_size INTEGER NOT NULL,
  error TEXT,
  read_at INTEGER,
  disappearing_mode TEXT NOT NULL,
  disappearing_seconds INTEGER NOT NULL,
  expires_at INTEGER,
  hash_theirs TEXT,
  hash_ours TEXT
);
CREATE UNIQUE INDEX messages_identity ON messages (author, sent_at);
CREATE INDEX messages_by_conversation ON messages (conversation_id, sent_at, id);
CREATE INDEX messages_unread ON messages (conversation_id) WHERE direction = 'in' AND read_at IS NULL;
CREATE INDEX messages_expiry ON messages (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE profiles (
  session_id TEXT PRIMARY KEY,
  name TEXT,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE settings (
  id INTEGER PRIMARY KEY CHECK (id = 0),
  read_receipts INTEGER NOT NULL DEFAULT 0,
  typing_indicators INTEGER NOT NULL DEFAULT 1,
  display_name TEXT,
  display_name_updated_at INTEGER
);

CREATE TABLE seen (
  hash TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX seen_expiry ON seen (expires_at);

CREATE TABLE poll_state (
  namespace INTEGER PRIMARY KEY,
  last_hash TEXT NOT NULL
);
`;
