/** The account: its state, onboarding (create, restore, phrase saved) and reconnecting. */
import { checkDisplayName } from '@hush/client';
import { bodyObject, optionalTextField, stringField } from '../parse-fields.ts';
import type { JsonObject } from '../parse-fields.ts';
import type { Route } from '../router.ts';

/** An optional display name: trimmed, null when empty, else checked as the SDK will (≤ 100 UTF-8 bytes). */
export function displayNameField(o: JsonObject): string | null {
  const name = optionalTextField(o, 'displayName');
  return name === null ? null : checkDisplayName(name);
}

export const accountRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/account', handler: ({ session }) => session.account() },
  {
    method: 'POST',
    path: '/api/account/create',
    handler: ({ session, body }) => session.create(displayNameField(bodyObject(body))),
  },
  {
    method: 'POST',
    path: '/api/account/restore',
    handler: ({ session, body }) => {
      const o = bodyObject(body);
      return session.restore(stringField(o, 'phrase', 4096), displayNameField(o));
    },
  },
  {
    method: 'GET',
    path: '/api/account/recovery-phrase',
    handler: async ({ session }) => ({ recoveryPhrase: await session.recoveryPhrase() }),
  },
  { method: 'POST', path: '/api/account/phrase-saved', handler: ({ session }) => session.confirmPhraseSaved() },
  { method: 'POST', path: '/api/account/reconnect', handler: ({ session }) => session.reconnect() },
];
