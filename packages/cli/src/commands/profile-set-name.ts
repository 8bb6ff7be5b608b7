/**
 * `hush profile set-name <name>`: the display name sent with this account's messages from now on
 * (as Session, the name travels in each message's profile; the other side shows the newest one).
 */
import { commandArgs } from '../command-args.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { withSyncedView } from '../synced-view.ts';
import { terminalText } from '../terminal-text.ts';
import { displayNameArg } from '../text-args.ts';

export async function profileSetName(ctx: CommandContext): Promise<number> {
  const [raw = ''] = commandArgs(ctx, ['<name>'], { restJoined: true });
  const name = displayNameArg(raw);
  return withSyncedView(ctx, async (view) => {
    await view.setDisplayName(name);
    ctx.out.result({ session_id: view.sessionId, name }, `Display name set to "${terminalText(name)}"; it goes with your next messages.`);
    return EXIT_OK;
  });
}
