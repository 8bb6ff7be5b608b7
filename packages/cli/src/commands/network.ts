/**
 * `hush network`: how this account's client reaches the network — its onion paths hop by hop
 * with latency, its clock against the network's, the nodes it knows, its own swarm. Connects
 * (receive loop off), waits until every hop has a latency figure from the client's prefix probes
 * (at most NETWORK_MEASURE_MS; what is still unmeasured is shown as such), prints, exits 0.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { HushClient, NetworkStatus } from '@hush/client';
import type { CommandContext } from '../context.ts';
import { EXIT_OK } from '../describe-error.ts';
import { NETWORK_MEASURE_MS, NETWORK_STATUS_POLL_MS } from '../limits.ts';
import { withClient } from '../messenger-session.ts';
import { fullyMeasured, networkJson, networkText } from '../network-format.ts';

/** The status once every hop is measured, or as it stands after `limitMs`. */
async function measuredStatus(client: HushClient, signal: AbortSignal, limitMs: number): Promise<NetworkStatus> {
  const end = Date.now() + limitMs;
  let status = client.status();
  while (!fullyMeasured(status) && Date.now() < end && !signal.aborted) {
    await delay(NETWORK_STATUS_POLL_MS, undefined, { signal }).catch(() => undefined); // a stop signal ends the wait
    status = client.status();
  }
  return status;
}

export async function network(ctx: CommandContext): Promise<number> {
  return withClient(ctx, { receive: false }, async (client, session) => {
    const status = await measuredStatus(client, session.signal, NETWORK_MEASURE_MS);
    session.signal.throwIfAborted(); // Ctrl-C while measuring: cancelled (130), nothing printed
    ctx.out.result(networkJson(status), networkText(status));
    return EXIT_OK;
  });
}
