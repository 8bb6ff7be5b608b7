/**
 * `hush chat <session-id> [--limit N]`: the conversation's last N messages (default 50), oldest
 * first, ours marked with how far they got (✓ N/M = stored on N of the M swarm members). Showing
 * them marks their messages read (read receipts go out only when that setting is on).
 */
import { HushError } from '@hush/core';
import type { ChatMessage, Conversation, HushClient } from '@hush/client';
import { commandArgs } from '../command-args.ts';
import type { CommandContext } from '../context.ts';
import { conversationJson } from '../conversation-format.ts';
import { describeError, EXIT_OK } from '../describe-error.ts';
import { intOption } from '../int-option.ts';
import { DEFAULT_CHAT_MESSAGES, MAX_CHAT_MESSAGES } from '../limits.ts';
import { historyJson, historyLine, personLabel, shortId } from '../message-format.ts';
import { sessionIdArg } from '../session-id-arg.ts';
import { withSyncedView } from '../synced-view.ts';

function notFound(id: string): HushError {
  return new HushError('HUSH_ERR_NOT_FOUND', `no conversation with ${id} on this device; start one with \`hush send ${shortId(id)} …\``, {
    details: { field: '<session-id>' },
  });
}

function header(c: Conversation): string {
  const who = c.displayName === null ? c.id : `${personLabel(c.displayName, c.id)} (${c.id})`;
  if (c.state === 'request') return `Message request from ${who}: \`hush requests accept ${c.id}\` to accept it.`;
  if (c.state === 'declined') return `Chat with ${who} (declined: their new messages are dropped)`;
  return `Chat with ${who}`;
}

function historyText(c: Conversation, messages: readonly ChatMessage[]): string {
  const label = personLabel(c.displayName, c.id);
  const body = messages.length === 0 ? '(no messages)' : messages.map((m) => historyLine(m, label)).join('\n');
  return `${header(c)}\n\n${body}`;
}

/** Marks what was shown as read; a failure (e.g. a read receipt that could not be sent) is a warning. */
async function markRead(ctx: CommandContext, client: HushClient | undefined, c: Conversation): Promise<void> {
  if (client === undefined || c.unread === 0) return;
  await client.markRead(c.id).catch((err: unknown) => ctx.out.warn(`could not mark the messages read: ${describeError(err).message}`));
}

export async function chat(ctx: CommandContext): Promise<number> {
  const [id = ''] = commandArgs(ctx, ['<session-id>']);
  const peer = sessionIdArg(id, '<session-id>');
  const limit = intOption(ctx.args, 'limit', 1, MAX_CHAT_MESSAGES) ?? DEFAULT_CHAT_MESSAGES;
  return withSyncedView(ctx, async (view, client) => {
    const conversation = view.conversation(peer);
    if (conversation === null) throw notFound(peer);
    const messages = view.messages(peer, { limit });
    ctx.out.result({ conversation: conversationJson(conversation), messages: messages.map(historyJson) }, historyText(conversation, messages));
    await markRead(ctx, client, conversation);
    return EXIT_OK;
  });
}
