/**
 * `openMessengerDb(file, { self })`: the messenger's local database (see messenger-db-types.ts for
 * the interface). Composes the query groups over one connection; every statement is prepared
 * once, here, when the file is opened.
 */
import { checkSessionId } from './db-arguments.ts';
import { badArgument } from './db-errors.ts';
import { openConnection } from './db-connection.ts';
import { createConversationQueries } from './conversation-queries.ts';
import { createMessageQueries } from './message-queries.ts';
import { createMessageStateQueries } from './message-state-queries.ts';
import { createProfileQueries } from './profile-queries.ts';
import { createReceiveStateQueries } from './receive-state-queries.ts';
import { createSettingsQueries } from './settings-queries.ts';
import { guardMethods, toStorageError } from './storage-errors.ts';
import type { DbContext, MessengerDb, MessengerDbOptions } from './messenger-db-types.ts';

export function openMessengerDb(file: string, options: MessengerDbOptions): MessengerDb {
  if (typeof file !== 'string' || file.length === 0) throw badArgument('file', 'expected a file path');
  const self = checkSessionId(options.self, 'self');
  const db = openConnection(file, self);
  let closed = false;
  try {
    const ctx: DbContext = { db, file, self, now: options.now ?? Date.now };
    const api: MessengerDb = {
      file,
      close: () => {
        if (!closed) db.close();
        closed = true;
      },
      transaction: <T>(fn: () => T): T => db.transaction(fn)(),
      ...createConversationQueries(ctx),
      ...createMessageQueries(ctx),
      ...createMessageStateQueries(ctx),
      ...createProfileQueries(ctx),
      ...createReceiveStateQueries(ctx),
      ...createSettingsQueries(ctx),
    };
    return guardMethods(api, file, () => closed);
  } catch (err) {
    db.close();
    throw toStorageError(err, file);
  }
}
