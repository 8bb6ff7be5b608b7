/** Conversations and their messages: lists, paging, sending, requests, read, typing, disappearing. */
import { checkDisappearing, checkText } from '@hush/client';
import { DAEMON_LIMITS } from '../limits.ts';
import { bodyObject, booleanField, conversationIdParam, intQuery, stringField } from '../parse-fields.ts';
import type { JsonObject } from '../parse-fields.ts';
import type { Route, RouteContext } from '../router.ts';

/** The text to send: a cheap length bound first, then the SDK's own check (non-blank, ≤ 2,000 code points). */
function textField(o: JsonObject): string {
  return checkText(stringField(o, 'text', DAEMON_LIMITS.maxTextChars).trim());
}

function messagesPage({ session, params, query }: RouteContext): unknown {
  const id = conversationIdParam(params);
  const limit = intQuery(query, 'limit', 1, DAEMON_LIMITS.maxPageSize, DAEMON_LIMITS.defaultPageSize) ?? DAEMON_LIMITS.defaultPageSize;
  const before = intQuery(query, 'before', 1, Number.MAX_SAFE_INTEGER);
  const page = session.client().messages(id, { limit: limit + 1, ...(before === undefined ? {} : { before }) });
  return { messages: page.length > limit ? page.slice(page.length - limit) : page, hasMore: page.length > limit };
}

/** Answers with the conversation as it stands after an action (null when it does not exist). */
function conversationAfter(ctx: RouteContext, id: string): unknown {
  return { conversation: ctx.session.client().conversation(id) };
}

export const conversationRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/api/conversations',
    handler: ({ session }) => ({ conversations: session.client().conversations(), requests: session.client().requests() }),
  },
  { method: 'GET', path: '/api/conversations/:id', handler: (ctx) => conversationAfter(ctx, conversationIdParam(ctx.params)) },
  { method: 'GET', path: '/api/conversations/:id/messages', handler: messagesPage },
  {
    method: 'POST',
    path: '/api/conversations/:id/messages',
    handler: ({ session, params, body }) => session.client().send(conversationIdParam(params), textField(bodyObject(body))),
  },
  {
    method: 'POST',
    path: '/api/conversations/:id/accept',
    handler: async (ctx) => {
      const id = conversationIdParam(ctx.params);
      await ctx.session.client().acceptRequest(id);
      return conversationAfter(ctx, id);
    },
  },
  {
    method: 'POST',
    path: '/api/conversations/:id/decline',
    handler: async (ctx) => {
      const id = conversationIdParam(ctx.params);
      await ctx.session.client().declineRequest(id);
      return conversationAfter(ctx, id);
    },
  },
  {
    method: 'POST',
    path: '/api/conversations/:id/read',
    handler: async (ctx) => {
      const id = conversationIdParam(ctx.params);
      await ctx.session.client().markRead(id);
      return conversationAfter(ctx, id);
    },
  },
  {
    method: 'POST',
    path: '/api/conversations/:id/typing',
    handler: async ({ session, params, body }) => {
      await session.client().setTyping(conversationIdParam(params), booleanField(bodyObject(body), 'typing'));
      return { ok: true };
    },
  },
  {
    method: 'PUT',
    path: '/api/conversations/:id/disappearing',
    handler: async (ctx) => {
      const id = conversationIdParam(ctx.params);
      await ctx.session.client().setDisappearing(id, checkDisappearing(bodyObject(ctx.body)));
      return conversationAfter(ctx, id);
    },
  },
];
