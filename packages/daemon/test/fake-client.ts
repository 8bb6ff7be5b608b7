/**
 * An in-memory HushClient for the daemon's HTTP tests: enough behaviour to see that routes map onto
 * the client (messages stored, events emitted), no network. Its `calls` record what was asked.
 */
import { HushError, parseUserSessionId } from '@hush/core';
import type { ChatMessage, ClientEventName, ClientEvents, ClientSettings, Conversation, HushClient, NetworkStatus } from '@hush/client';

type Handler = (value: never) => void;

export interface FakeClient extends HushClient {
  readonly calls: string[];
  /** Adds an incoming message from `from` (a request when they are new). */
  receive(from: string, text: string): ChatMessage;
}

const OFF = { mode: 'off', seconds: 0 } as const;

function conversationFor(id: string, at: number, state: Conversation['state'] = 'accepted'): Conversation {
  return { id, state, displayName: null, approvedMe: false, unread: 0, disappearing: OFF, lastActivityAt: at, lastText: null };
}

export function createFakeClient(sessionId: string): FakeClient {
  const handlers = new Map<ClientEventName, Set<Handler>>();
  const conversations = new Map<string, Conversation>();
  const messages: ChatMessage[] = [];
  const calls: string[] = [];
  let settings: ClientSettings = { readReceipts: false, typingIndicators: true };
  let name: string | null = null;
  let nextId = 1;
  let clock = 1_700_000_000_000;

  const emit = <E extends ClientEventName>(event: E, value: ClientEvents[E]): void => {
    for (const h of handlers.get(event) ?? []) (h as (v: ClientEvents[E]) => void)(value);
  };
  const touch = (id: string, state: Conversation['state'], text: string, unread: number): Conversation => {
    const c = { ...(conversations.get(id) ?? conversationFor(id, clock, state)), lastActivityAt: clock, lastText: text };
    const next = { ...c, state: c.state === 'accepted' ? c.state : state, unread: c.unread + unread };
    conversations.set(id, next);
    emit('conversation', next);
    return next;
  };
  const add = (conversationId: string, direction: 'in' | 'out', text: string): ChatMessage => {
    clock += 1000;
    const m: ChatMessage = {
      id: nextId++, conversationId, direction, author: direction === 'out' ? sessionId : conversationId, sentAt: clock, receivedAt: clock, text,
      delivery: 'stored', storedOn: direction === 'out' ? 6 : 0, swarmSize: direction === 'out' ? 6 : 0, error: null, readAt: null, disappearing: OFF, expiresAt: null,
    };
    messages.push(m);
    return m;
  };
  const hop = (n: number, latencyMs: number | null, hopMs: number | null) => ({ ed25519: String(n).repeat(64), ip: `127.0.0.${n}`, port: 21100 + n, latencyMs, hopMs });
  const status: NetworkStatus = {
    paths: [{ id: 1, failures: 0, latencyMs: 12, hops: [hop(3, 4, 4), hop(5, 7, 3), hop(7, null, null)] }],
    clockOffsetMs: 0,
    nodesKnown: 0,
    swarm: null,
    longPolling: true,
    lastPollAt: null,
    lastError: null,
  };

  return {
    sessionId,
    calls,
    receive(from, text) {
      const m = add(from, 'in', text);
      touch(from, 'request', text, 1);
      emit('message', m);
      return m;
    },
    async send(to, text) {
      calls.push(`send ${to} ${text}`);
      const id = parseUserSessionId(to, 'to');
      const m = add(id, 'out', text);
      touch(id, 'accepted', text, 0);
      emit('message-updated', m);
      return m;
    },
    async retry(id) {
      calls.push(`retry ${id}`);
      const m = messages.find((x) => x.id === id);
      if (m === undefined) throw new Error('no such message');
      return m;
    },
    on(event, handler) {
      const set = handlers.get(event) ?? new Set<Handler>();
      set.add(handler as Handler);
      handlers.set(event, set);
      return () => void set.delete(handler as Handler);
    },
    off(event, handler) {
      handlers.get(event)?.delete(handler as Handler);
    },
    conversations: () => [...conversations.values()].filter((c) => c.state === 'accepted').sort((a, b) => b.lastActivityAt - a.lastActivityAt),
    requests: () => [...conversations.values()].filter((c) => c.state === 'request'),
    conversation: (id) => conversations.get(id) ?? null,
    messages(conversationId, o = {}) {
      const all = messages.filter((m) => m.conversationId === conversationId && (o.before === undefined || m.id < o.before));
      return all.slice(Math.max(0, all.length - (o.limit ?? 100)));
    },
    contacts: () => [],
    async acceptRequest(id) {
      calls.push(`accept ${id}`);
      const c = conversations.get(id);
      if (c !== undefined) conversations.set(id, { ...c, state: 'accepted' });
    },
    async declineRequest(id) {
      calls.push(`decline ${id}`);
    },
    async markRead(id) {
      calls.push(`read ${id}`);
    },
    async setTyping(id, typing) {
      calls.push(`typing ${id} ${typing}`);
    },
    async setDisappearing(id, setting) {
      calls.push(`disappearing ${id} ${setting.mode} ${setting.seconds}`);
      conversations.set(id, { ...(conversations.get(id) ?? conversationFor(id, clock)), disappearing: setting });
    },
    async unsend(id) {
      calls.push(`unsend ${id}`);
      const index = messages.findIndex((x) => x.id === id);
      const m = messages[index];
      if (m === undefined) throw new HushError('HUSH_ERR_NOT_FOUND', `message ${id}: no such message`, { details: { field: 'messageId' } });
      if (m.direction !== 'out') throw new HushError('HUSH_ERR_BAD_ARGUMENT', `message ${id}: only your own messages can be unsent`, { details: { field: 'messageId' } });
      messages.splice(index, 1);
      emit('message-removed', { id, conversationId: m.conversationId });
    },
    displayName: () => name,
    async setDisplayName(n) {
      calls.push(`name ${n}`);
      name = n;
    },
    settings: () => settings,
    async updateSettings(patch) {
      settings = { ...settings, ...patch };
      return settings;
    },
    status: () => status,
    syncNow: async () => 0,
    async close() {
      calls.push('close');
    },
  };
}
