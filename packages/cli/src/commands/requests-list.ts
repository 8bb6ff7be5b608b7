/** `hush requests`: message requests — people who wrote first and are not answered yet — newest first. */
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { conversationJson, conversationsTable } from '../conversation-format.ts';
import { withSyncedView } from '../synced-view.ts';

const HOW = 'Accept one with `hush requests accept <session-id>` (or just reply), or drop it with `hush requests decline <session-id>`.';

export async function requestsList(ctx: CommandContext): Promise<number> {
  return withSyncedView(ctx, async (view) => {
    const list = view.requests();
    const text = list.length === 0 ? 'No message requests.' : `${conversationsTable(list)}\n\n${HOW}`;
    ctx.out.result({ requests: list.map(conversationJson) }, text);
    return EXIT_OK;
  });
}
