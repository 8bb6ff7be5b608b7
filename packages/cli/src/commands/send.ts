/**
 * `hush send <session-id> <text>`: one message, with the receive loop off. Prints
 * "Sent · stored on N of M nodes" once the recipient's swarm signed for it; on failure, exit 1
 * with the error's code and a hint (the message stays in the history, marked not sent).
 */
import type { SentMessage } from '@hush/client';
import { commandArgs } from '../command-args.ts';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { withClient } from '../messenger-session.ts';
import { isUnreachable } from '../network-option.ts';
import { sessionIdArg } from '../session-id-arg.ts';
import { messageTextArg } from '../text-args.ts';

function hint(err: unknown, to: string): string {
  const where = isUnreachable(err) ? 'The network did not answer: is `npm start` (or your --network) running? ' : '';
  return `${where}The message is kept as not sent; \`hush chat ${to}\` shows it. Try \`hush send\` again.`;
}

function sentJson(m: SentMessage): Record<string, unknown> {
  return { id: m.id, to: m.conversationId, timestamp: m.sentAt, delivery: m.delivery, stored_on: m.storedOn, swarm_size: m.swarmSize };
}

export async function send(ctx: CommandContext): Promise<number> {
  const [rawId = '', rawText = ''] = commandArgs(ctx, ['<session-id>', '<text>'], { restJoined: true });
  const to = sessionIdArg(rawId, '<session-id>');
  const text = messageTextArg(rawText);
  return withClient(ctx, { receive: false }, async (client, session) => {
    let sent: SentMessage;
    try {
      sent = await client.send(to, text, { signal: session.signal });
    } catch (err) {
      if (session.stopRequested()) throw err;
      return ctx.out.error(err, hint(err, to));
    }
    ctx.out.result(sentJson(sent), `Sent · stored on ${sent.storedOn} of ${sent.swarmSize} nodes`);
    return EXIT_OK;
  });
}
