/** `hush profile show`: this account's Session ID and the display name sent with its messages. */
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { withSyncedView } from '../synced-view.ts';
import { terminalText } from '../terminal-text.ts';

export async function profileShow(ctx: CommandContext): Promise<number> {
  return withSyncedView(ctx, async (view) => {
    const name = view.displayName();
    const shown = name === null ? '(not set: `hush profile set-name <name>`)' : terminalText(name);
    ctx.out.result({ session_id: view.sessionId, name }, `Session ID:    ${view.sessionId}\nDisplay name:  ${shown}`);
    return EXIT_OK;
  });
}
