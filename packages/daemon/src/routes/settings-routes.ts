/** The client's settings (read receipts, typing indicators) and our profile (display name). */
import type { ClientSettings } from '@hush/client';
import type { Profile } from '../api-types.ts';
import type { ClientSession } from '../client-session.ts';
import { badField, bodyObject, optionalBooleanField } from '../parse-fields.ts';
import type { Route } from '../router.ts';
import { displayNameField } from './account-routes.ts';

function profileOf(session: ClientSession): Profile {
  const client = session.client();
  return { sessionId: client.sessionId, displayName: client.displayName() };
}

function settingsPatch(body: unknown): Partial<ClientSettings> {
  const o = bodyObject(body);
  const readReceipts = optionalBooleanField(o, 'readReceipts');
  const typingIndicators = optionalBooleanField(o, 'typingIndicators');
  return { ...(readReceipts === undefined ? {} : { readReceipts }), ...(typingIndicators === undefined ? {} : { typingIndicators }) };
}

export const settingsRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/settings', handler: ({ session }) => session.client().settings() },
  { method: 'PUT', path: '/api/settings', handler: ({ session, body }) => session.client().updateSettings(settingsPatch(body)) },
  { method: 'GET', path: '/api/profile', handler: ({ session }) => profileOf(session) },
  {
    method: 'PUT',
    path: '/api/profile',
    handler: async ({ session, body }) => {
      const name = displayNameField(bodyObject(body));
      if (name === null) throw badField('displayName', 'empty: type a name others will see');
      await session.client().setDisplayName(name);
      return profileOf(session);
    },
  },
];
