/**
 * Client settings and our own display name: one row (id 0) of the settings table, created with
 * its defaults (read receipts off, typing indicators on, as Session) when the file is opened.
 */
import type { ClientSettings } from '../messenger-types.ts';
import { checkBoolean, checkNameOrNull, checkTime } from './db-arguments.ts';
import { badArgument, damagedColumn } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';
import type { DbContext, MessengerDb, OwnProfile } from './messenger-db-types.ts';
import { rowFields } from './row-fields.ts';

type SettingsQueries = Pick<MessengerDb, 'settings' | 'updateSettings' | 'ownDisplayName' | 'setOwnDisplayName' | 'ownProfile'>;

const SETTING_KEYS: readonly (keyof ClientSettings)[] = ['readReceipts', 'typingIndicators'];

/** Partial<ClientSettings> from a caller (maybe the web UI's JSON): known keys, boolean values. */
function checkSettingsPatch(value: unknown): { readReceipts: number | null; typingIndicators: number | null } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badArgument('settings', 'expected an object');
  const r = value as Record<string, unknown>;
  const unknownKey = Object.keys(r).find((k) => !(SETTING_KEYS as readonly string[]).includes(k));
  if (unknownKey !== undefined) throw badArgument(`settings.${unknownKey}`, `unknown setting (known: ${SETTING_KEYS.join(', ')})`);
  const flag = (k: keyof ClientSettings): number | null =>
    r[k] === undefined ? null : checkBoolean(r[k], `settings.${k}`) ? 1 : 0;
  return { readReceipts: flag('readReceipts'), typingIndicators: flag('typingIndicators') };
}

export function createSettingsQueries(ctx: DbContext): SettingsQueries {
  const { db } = ctx;
  db.prepare('INSERT INTO settings (id) VALUES (0) ON CONFLICT (id) DO NOTHING').run();
  const st = {
    get: db.prepare('SELECT * FROM settings WHERE id = 0'),
    update: db.prepare(
      'UPDATE settings SET read_receipts = coalesce(@readReceipts, read_receipts), typing_indicators = coalesce(@typingIndicators, typing_indicators) WHERE id = 0',
    ),
    setName: db.prepare('UPDATE settings SET display_name = ?, display_name_updated_at = ? WHERE id = 0'),
  };
  const row = (): ReturnType<typeof rowFields> => {
    const r: unknown = st.get.get();
    if (r === undefined) throw damagedColumn(ctx.file, 'settings', 'id', 'the settings row is missing');
    return rowFields(r, ctx.file, 'settings');
  };
  const settings = (): ClientSettings => {
    const f = row();
    return { readReceipts: f.bool('read_receipts'), typingIndicators: f.bool('typing_indicators') };
  };
  const ownProfile = (): OwnProfile => {
    const f = row();
    return { displayName: f.textOrNull('display_name', L.maxNameBytes), updatedAt: f.intOrNull('display_name_updated_at') };
  };
  return {
    settings,
    updateSettings: (patch) => {
      st.update.run(checkSettingsPatch(patch));
      return settings();
    },
    ownDisplayName: () => ownProfile().displayName,
    setOwnDisplayName: (name) => void st.setName.run(checkNameOrNull(name, 'name'), checkTime(Math.floor(ctx.now()), 'now')),
    ownProfile,
  };
}
