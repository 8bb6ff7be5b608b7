/**
 * Opens the SQLite connection of a messenger database: file prepared (db-file.ts), pragmas (WAL;
 * synchronous=FULL, so a message shown as sent or received survives power loss; foreign keys),
 * schema migrated, and the file bound to one account (meta key `account`).
 */
import Database from 'better-sqlite3';
import { badDatabase } from './db-errors.ts';
import { prepareDbFile } from './db-file.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import { migrate, refuseNewer } from './db-migrations.ts';
import { toStorageError } from './storage-errors.ts';

function configure(db: Database.Database, file: string): void {
  refuseNewer(db, file); // the first read of the file: a garbage file fails here (SQLITE_NOTADB)
  const mode = String(db.pragma('journal_mode = WAL', { simple: true }));
  if (mode !== 'wal') throw badDatabase(file, `cannot use write-ahead logging (journal_mode ${mode})`);
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
}

/** Refuses a file that another account created. */
function bindAccount(db: Database.Database, file: string, self: string): void {
  db.prepare("INSERT INTO meta (key, value) VALUES ('account', ?) ON CONFLICT (key) DO NOTHING").run(self);
  const owner: unknown = db.prepare("SELECT value FROM meta WHERE key = 'account'").pluck().get();
  if (owner !== self) {
    throw badDatabase(file, `belongs to account ${String(owner)}, not ${self}`, { account: owner });
  }
}

export function openConnection(file: string, self: string): Database.Database {
  prepareDbFile(file);
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: L.busyTimeoutMs });
    configure(db, file);
    migrate(db, file);
    bindAccount(db, file, self);
    return db;
  } catch (err) {
    db?.close();
    throw toStorageError(err, file);
  }
}
