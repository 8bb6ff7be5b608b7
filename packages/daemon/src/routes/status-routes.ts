/** The network as the client sees it (paths, clock, swarm), and polling now. */
import type { Route } from '../router.ts';

export const statusRoutes: readonly Route[] = [
  { method: 'GET', path: '/api/status', handler: ({ session }) => session.client().status() },
  { method: 'POST', path: '/api/sync', handler: async ({ session }) => ({ newMessages: await session.client().syncNow() }) },
];
