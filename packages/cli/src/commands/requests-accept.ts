/**
 * `hush requests accept <session-id>`: after a sync, accepts their message request: the
 * conversation moves to `hush chats` and they are told (a MessageRequestResponse with our
 * profile, as Session sends), so their client stops showing us as a request too.
 */
import { commandArgs } from '../command-args.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { personLabel } from '../message-format.ts';
import { withClient } from '../messenger-session.ts';
import { findRequest } from '../request-lookup.ts';
import { sessionIdArg } from '../session-id-arg.ts';
import { syncBeforeReading } from '../synced-view.ts';

export async function requestsAccept(ctx: CommandContext): Promise<number> {
  const [raw = ''] = commandArgs(ctx, ['<session-id>']);
  const id = sessionIdArg(raw, '<session-id>');
  return withClient(ctx, { receive: false }, async (client, session) => {
    await syncBeforeReading(ctx, client, session.signal, session.stopRequested);
    const request = findRequest(client, id);
    const who = personLabel(request.displayName, request.id);
    if (request.state === 'accepted') {
      ctx.out.result({ id, state: 'accepted', changed: false }, `${who} is already accepted.`);
      return EXIT_OK;
    }
    await client.acceptRequest(id, { signal: session.signal });
    ctx.out.result({ id, state: 'accepted', changed: true }, `Accepted ${who}: the chat is in \`hush chats\`.`);
    return EXIT_OK;
  });
}
