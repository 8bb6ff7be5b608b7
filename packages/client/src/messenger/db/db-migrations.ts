/**
 * Schema versions of the messenger database, kept in `PRAGMA user_version`. Version n is reached
 * by running migrations 1..n in order, each in the same IMMEDIATE transaction as the version
 * bump, so a crash or a second process never sees half a migration. To change the schema, append
 * a migration (e.g. `ALTER TABLE messages ADD COLUMN quote_id INTEGER`); never edit an old one.
 *
 * A file written by a newer Hush (user_version above ours) is refused, as is a SQLite file that
 * belongs to another program (another application_id, or tables in an unversioned file).
 */
import type Database from 'better-sqlite3';
import { badDatabase } from './db-errors.ts';
import { MESSENGER_DB_APPLICATION_ID } from './db-limits.ts';
import { SCHEMA_V1 } from './db-schema.ts';

export interface Migration {
  /** The user_version this migration leads to. */
  readonly version: number;
  readonly description: string;
  up(db: Database.Database): void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'conversations, messages, profiles, settings, seen hashes, poll state',
    up: (db) => db.exec(SCHEMA_V1),
  },
];

/** The version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function userVersion(db: Database.Database): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** Throws HUSH_ERR_BAD_DATABASE when the file was written by a newer Hush. */
export function refuseNewer(db: Database.Database, file: string): number {
  const version = userVersion(db);
  if (version > SCHEMA_VERSION) {
    throw badDatabase(file, `schema version ${version} is newer than this Hush understands (${SCHEMA_VERSION}); update Hush`, {
      version,
      supported: SCHEMA_VERSION,
    });
  }
  return version;
}

/** Throws HUSH_ERR_BAD_DATABASE when the file is some other program's SQLite database. */
function refuseForeign(db: Database.Database, file: string, version: number): void {
  const appId = Number(db.pragma('application_id', { simple: true }));
  if (version > 0 && appId !== MESSENGER_DB_APPLICATION_ID) {
    throw badDatabase(file, `not a Hush messenger database (application_id ${appId})`, { applicationId: appId });
  }
  const tables = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table'").get() as { n: number };
  if (version === 0 && tables.n > 0) {
    throw badDatabase(file, 'an unversioned SQLite database with tables of another program');
  }
}

/** Brings the file to SCHEMA_VERSION. Safe against a concurrent open by another process. */
export function migrate(db: Database.Database, file: string): void {
  db.transaction(() => {
    const version = refuseNewer(db, file);
    refuseForeign(db, file, version);
    for (const m of MIGRATIONS) {
      if (m.version <= version) continue;
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    }
    if (version === 0) db.pragma(`application_id = ${MESSENGER_DB_APPLICATION_ID}`);
  }).immediate();
}
