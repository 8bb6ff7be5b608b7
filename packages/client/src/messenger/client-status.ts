/** The network panel's facts (NetworkStatus), from the onion client and the receive loop. */
import type { OnionClient } from '../onion-client.ts';
import type { NetworkStatus } from './messenger-types.ts';

export interface PollState {
  readonly longPolling: boolean;
  readonly lastPollAt: number | null;
  readonly lastError: { readonly code: string; readonly message: string } | null;
}

function ownSwarm(onion: OnionClient, sessionId: string): NetworkStatus['swarm'] {
  try {
    const swarm = onion.swarmFor(sessionId);
    if (swarm.members.length === 0) return null;
    return { id: swarm.id.toString(16).padStart(16, '0'), members: swarm.members.map((m) => m.ed25519) };
  } catch {
    return null;
  }
}

export function networkStatus(onion: OnionClient, sessionId: string, poll: PollState): NetworkStatus {
  return {
    paths: onion.paths().map((p) => {
      const figures = onion.hopLatency(p.id);
      return {
        id: p.id,
        failures: p.failures,
        hops: p.nodes.map((n, i) => ({ ed25519: n.ed25519, ip: n.ip, port: n.port, latencyMs: figures[i]?.latencyMs ?? null, hopMs: figures[i]?.hopMs ?? null })),
        latencyMs: onion.pathLatencyMs(p.id),
      };
    }),
    clockOffsetMs: onion.networkTime.offsetMs(),
    nodesKnown: onion.nodes().length,
    swarm: ownSwarm(onion, sessionId),
    longPolling: poll.longPolling,
    lastPollAt: poll.lastPollAt,
    lastError: poll.lastError,
  };
}
