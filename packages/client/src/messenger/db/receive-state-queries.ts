/**
 * What the receive loop remembers between polls: the hashes of swarm messages already processed
 * (until they could no longer be returned by a node) and, per namespace of our swarm, the last
 * hash retrieved (the `last_hash` of the next retrieve).
 */
import { parseNamespace } from '@hush/core';
import { checkHash, checkTime } from './db-arguments.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, MessengerDb } from './messenger-db-types.ts';
import { rowFields } from './row-fields.ts';

type ReceiveStateQueries = Pick<MessengerDb, 'markSeen' | 'sweepSeen' | 'getLastHash' | 'setLastHash'>;

export function createReceiveStateQueries(ctx: DbContext): ReceiveStateQueries {
  const { db } = ctx;
  const st = {
    insertSeen: db.prepare('INSERT INTO seen (hash, expires_at) VALUES (?, ?) ON CONFLICT (hash) DO NOTHING'),
    extendSeen: db.prepare('UPDATE seen SET expires_at = max(expires_at, ?) WHERE hash = ?'),
    sweep: db.prepare('DELETE FROM seen WHERE expires_at <= ?'),
    getLast: db.prepare('SELECT last_hash FROM poll_state WHERE namespace = ?'),
    setLast: db.prepare(
      'INSERT INTO poll_state (namespace, last_hash) VALUES (?, ?) ON CONFLICT (namespace) DO UPDATE SET last_hash = excluded.last_hash',
    ),
  };
  return {
    markSeen: (hash, expiresAt) => {
      const h = checkHash(hash, 'hash');
      const at = checkTime(expiresAt, 'expiresAt');
      return db.transaction(() => {
        if (st.insertSeen.run(h, at).changes === 1) return true;
        st.extendSeen.run(at, h);
        return false;
      })();
    },
    sweepSeen: (now) => st.sweep.run(checkTime(now, 'now')).changes,
    getLastHash: (namespace) => {
      const row: unknown = st.getLast.get(parseNamespace(namespace, 'namespace'));
      return row === undefined ? null : rowFields(row, ctx.file, 'poll_state').text('last_hash', L.maxHashChars);
    },
    setLastHash: (namespace, hash) => void st.setLast.run(parseNamespace(namespace, 'namespace'), checkHash(hash, 'hash')),
  };
}
