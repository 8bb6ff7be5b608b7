/** Every route of the daemon's JSON API. */
import type { Route } from '../router.ts';
import { accountRoutes } from './account-routes.ts';
import { conversationRoutes } from './conversation-routes.ts';
import { messageRoutes } from './message-routes.ts';
import { sessionIdRoutes } from './session-id-routes.ts';
import { settingsRoutes } from './settings-routes.ts';
import { statusRoutes } from './status-routes.ts';

export const API_ROUTES: readonly Route[] = [...accountRoutes, ...conversationRoutes, ...messageRoutes, ...settingsRoutes, ...statusRoutes, ...sessionIdRoutes];
