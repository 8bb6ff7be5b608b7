/** One message: send it again after a failure, or delete it for everyone. */
import { messageIdParam } from '../parse-fields.ts';
import type { Route } from '../router.ts';

export const messageRoutes: readonly Route[] = [
  { method: 'POST', path: '/api/messages/:id/retry', handler: ({ session, params }) => session.client().retry(messageIdParam(params)) },
  {
    method: 'DELETE',
    path: '/api/messages/:id',
    handler: async ({ session, params }) => {
      await session.client().unsend(messageIdParam(params));
      return { ok: true };
    },
  },
];
