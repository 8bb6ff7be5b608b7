/**
 * Other people's display names, as last seen in their messages. A name carries the time it was
 * set (Session's `lastProfileUpdateSeconds`, or the message's sent time for older clients), so a
 * late-arriving old message never overwrites a newer name.
 */
import { checkNameOrNull, checkSessionId, checkTime } from './db-arguments.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, MessengerDb } from './messenger-db-types.ts';
import { rowFields } from './row-fields.ts';

type ProfileQueries = Pick<MessengerDb, 'setProfileName' | 'getProfileName'>;

export function createProfileQueries(ctx: DbContext): ProfileQueries {
  const st = {
    get: ctx.db.prepare('SELECT name, updated_at FROM profiles WHERE session_id = ?'),
    upsert: ctx.db.prepare(
      `INSERT INTO profiles (session_id, name, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (session_id) DO UPDATE SET name = excluded.name, updated_at = excluded.updated_at`,
    ),
  };
  const read = (id: string): { name: string | null; updatedAt: number } | null => {
    const row: unknown = st.get.get(id);
    if (row === undefined) return null;
    const f = rowFields(row, ctx.file, 'profiles');
    return { name: f.textOrNull('name', L.maxNameBytes), updatedAt: f.int('updated_at') };
  };
  return {
    setProfileName: (sessionId, name, updatedAt) => {
      const id = checkSessionId(sessionId, 'sessionId');
      const newName = checkNameOrNull(name, 'name');
      const at = checkTime(updatedAt, 'updatedAt');
      return ctx.db.transaction(() => {
        const old = read(id);
        if (old !== null && at < old.updatedAt) return false;
        st.upsert.run(id, newName, at);
        return (old?.name ?? null) !== newName;
      })();
    },
    getProfileName: (sessionId) => read(checkSessionId(sessionId, 'sessionId'))?.name ?? null,
  };
}
