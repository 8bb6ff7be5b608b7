/** `hush chats`: the accepted conversations, newest first, with unread counts (after a sync). */
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { conversationJson, conversationsTable } from '../conversation-format.ts';
import { withSyncedView } from '../synced-view.ts';

function requestsNote(count: number): string {
  if (count === 0) return '';
  return `\n${count} message request${count === 1 ? '' : 's'} waiting: see \`hush requests\`.`;
}

export async function chats(ctx: CommandContext): Promise<number> {
  return withSyncedView(ctx, async (view) => {
    const list = view.conversations();
    const waiting = view.requests().length;
    const table = list.length === 0 ? 'No conversations yet. Start one with `hush send <session-id> <text>`.' : conversationsTable(list);
    ctx.out.result({ conversations: list.map(conversationJson), requests: waiting }, `${table}${requestsNote(waiting)}`);
    return EXIT_OK;
  });
}
