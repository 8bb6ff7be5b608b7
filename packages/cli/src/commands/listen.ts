/**
 * `hush listen [--json]`: receives until SIGINT/SIGTERM (exit 0), printing one line per incoming
 * message as it arrives: `[time] name-or-short-id: text`, or with --json exactly one JSON object
 * per line `{"sender", "timestamp", "text", "conversation", "name", "id"}`. Each line is written
 * as it comes (bots read this through a pipe). Receive trouble is reported on stderr as it starts
 * and ends; when standard output goes away (`hush listen | head -1`), listening stops.
 */
import type { ChatMessage, HushClient, NetworkStatus } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { incomingJson, incomingLine } from '../message-format.ts';
import { connect, openAccountPlace } from '../messenger-session.ts';
import { resolveNetwork } from '../network-option.ts';
import { waitForStop } from '../stop-signals.ts';

function printMessage(ctx: CommandContext, client: HushClient, m: ChatMessage): void {
  const name = client.conversation(m.conversationId)?.displayName ?? null;
  ctx.out.result(incomingJson(m, name), incomingLine(m, name));
}

/** Warns when receiving starts failing (once per error code) and says when it works again. */
function statusReporter(ctx: CommandContext): (status: NetworkStatus) => void {
  let failing: string | null = null;
  return (status) => {
    const code = status.lastError?.code ?? null;
    if (code === failing) return;
    if (code !== null) ctx.out.warn(`cannot receive right now (${status.lastError?.message ?? code}) (${code}); retrying`);
    else ctx.out.progress('receiving again');
    failing = code;
  };
}

/** Resolves when standard output can no longer be written (the reader went away). */
function outputGone(ctx: CommandContext): Promise<string> {
  return new Promise((resolve) => {
    ctx.io.stdout.once('error', () => resolve('standard output closed'));
    ctx.io.stdout.once('close', () => resolve('standard output closed'));
  });
}

export async function listen(ctx: CommandContext): Promise<number> {
  const place = await openAccountPlace(ctx);
  const network = await resolveNetwork(ctx);
  const stop = waitForStop(ctx.io.onStopSignal);
  try {
    const client = await connect(place, network, true);
    try {
      client.on('message', (m) => printMessage(ctx, client, m));
      client.on('status', statusReporter(ctx));
      ctx.out.progress(`listening as ${client.sessionId} on ${network.where} (Ctrl-C to stop)`);
      const why = await Promise.race([stop.signalled, outputGone(ctx)]);
      ctx.out.progress(`${why}: stopping`);
    } finally {
      await client.close();
    }
    return EXIT_OK;
  } finally {
    stop.release();
  }
}
