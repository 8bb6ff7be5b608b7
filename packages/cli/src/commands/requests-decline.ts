/**
 * `hush requests decline <session-id>`: after a sync, declines their message request; their
 * messages are dropped from now on. Local only, as in Session: they are not told.
 */
import { commandArgs } from '../command-args.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { personLabel } from '../message-format.ts';
import { findRequest } from '../request-lookup.ts';
import { sessionIdArg } from '../session-id-arg.ts';
import { withSyncedView } from '../synced-view.ts';

export async function requestsDecline(ctx: CommandContext): Promise<number> {
  const [raw = ''] = commandArgs(ctx, ['<session-id>']);
  const id = sessionIdArg(raw, '<session-id>');
  return withSyncedView(ctx, async (view) => {
    const request = findRequest(view, id);
    await view.declineRequest(request.id);
    ctx.out.result({ id, state: 'declined' }, `Declined ${personLabel(request.displayName, request.id)}: their messages are dropped from now on.`);
    return EXIT_OK;
  });
}
