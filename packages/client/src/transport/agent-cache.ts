/**
 * One keep-alive agent per node (reusing TLS sessions saves a handshake per request). Node
 * certificates are self-signed and not checked: nodes are authenticated by onion encryption to
 * their X25519 key (session-network.md §2.1; DESK `snodeHttpsAgent` uses rejectUnauthorized false).
 */
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import type { HttpEndpoint } from './transport.ts';
import { endpointLabel } from './transport.ts';

export interface AgentCache {
  get(endpoint: HttpEndpoint): HttpAgent;
  size(): number;
  destroyAll(): void;
}

function makeAgent(endpoint: HttpEndpoint): HttpAgent {
  const options = { keepAlive: true, keepAliveMsecs: 10_000, maxSockets: 8, maxFreeSockets: 2, timeout: 60_000 };
  return endpoint.protocol === 'https' ? new HttpsAgent({ ...options, rejectUnauthorized: false }) : new HttpAgent(options);
}

/** Least-recently-used eviction once `max` agents exist (a Map keeps insertion order). */
export function createAgentCache(max: number): AgentCache {
  const agents = new Map<string, HttpAgent>();
  return {
    get(endpoint) {
      const key = endpointLabel(endpoint);
      let agent = agents.get(key);
      if (agent !== undefined) agents.delete(key);
      else agent = makeAgent(endpoint);
      agents.set(key, agent);
      if (agents.size > max) {
        const [oldestKey, oldest] = agents.entries().next().value as [string, HttpAgent];
        agents.delete(oldestKey);
        oldest.destroy();
      }
      return agent;
    },
    size: () => agents.size,
    destroyAll() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
