/**
 * The body of a node-list answer: `{"result": {"service_node_states": [...], ...}}` — the shape of
 * both the registry's JSON-RPC reply and a node's `oxend_request` reply (§3.5, §8.1).
 */
import { HushError } from '@hush/core';
import { isPlainObject, parseJsonObject } from '../runtime/json.ts';
import { parseServiceNodeStates, type ParsedNodeList } from './parse-node-list.ts';

export function parseNodeListReply(body: Uint8Array, source: string, maxBytes: number, maxNodes: number): ParsedNodeList {
  const json = parseJsonObject(body, `${source} reply`, maxBytes);
  const result = json['result'];
  if (!isPlainObject(result) || !Array.isArray(result['service_node_states'])) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${source} reply: missing result.service_node_states`, {
      details: { field: 'result.service_node_states', source },
    });
  }
  return parseServiceNodeStates(result['service_node_states'], maxNodes);
}
