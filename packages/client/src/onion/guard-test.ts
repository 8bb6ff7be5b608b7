/**
 * A guard candidate is tested with a direct storage RPC `info` before it is used (DESK tests with
 * `get_swarm`, 10 s): it must answer 200 with a JSON object. The guard sees our IP anyway, and
 * its `t` is a network-time sample.
 */
import { utf8 } from '@hush/core';
import type { ServiceNode } from '../node-pool/service-node.ts';
import { nodeEndpoint } from '../node-pool/service-node.ts';
import { isPlainObject, parseJsonBytes } from '../runtime/json.ts';
import type { Transport } from '../transport/transport.ts';

export type GuardTest = (node: ServiceNode, signal: AbortSignal) => Promise<boolean>;

export interface GuardTestOptions {
  readonly transport: Transport;
  readonly timeoutMs: number;
  /** Receives the node's time (`t`, ms) from a good answer. */
  readonly onNodeTime?: (t: number) => void;
}

const INFO = utf8(JSON.stringify({ method: 'info', params: {} }));
const MAX_INFO_BYTES = 64 * 1024;

export function createGuardTest(options: GuardTestOptions): GuardTest {
  return async (node, signal) => {
    try {
      const res = await options.transport.request({
        endpoint: nodeEndpoint(node),
        path: '/storage_rpc/v1',
        body: INFO,
        contentType: 'application/json',
        timeoutMs: options.timeoutMs,
        maxResponseBytes: MAX_INFO_BYTES,
        signal,
      });
      if (res.status !== 200) return false;
      const json = parseJsonBytes(res.body, 'info reply', MAX_INFO_BYTES);
      if (!isPlainObject(json)) return false;
      if (typeof json['t'] === 'number') options.onNodeTime?.(json['t']);
      return true;
    } catch {
      if (signal.aborted) throw signal.reason;
      return false;
    }
  };
}
