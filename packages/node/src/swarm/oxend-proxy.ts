/**
 * oxend_request's backend: the registry's JSON-RPC (get_service_nodes, ons_resolve), or — for a
 * registry-less network — an answer built from the static node list (get_service_nodes only).
 */
import { formatSwarmId } from '@hush/core';
import { withMisc } from '../rpc/common.ts';
import type { RpcContext } from '../rpc/context.ts';
import { fail, ok, type Json, type JsonObject, type RpcResponse } from '../rpc/response.ts';
import type { RegistryClient } from './registry-client.ts';
import type { NodeRecord, SwarmView } from './swarm-view.ts';

export type OxendProxy = (ctx: RpcContext, endpoint: string, params: JsonObject | null) => Promise<RpcResponse>;

export function registryProxy(client: RegistryClient): OxendProxy {
  return async (ctx, endpoint, params) => {
    let result: unknown;
    try {
      result = await client.rpc(endpoint, params ?? {});
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return message.includes('unparsable') ? fail(502, 'oxend returned unparsable data') : fail(400, message);
    }
    return ok(withMisc(ctx, { result: result as Json }));
  };
}

function entry(n: NodeRecord): JsonObject {
  return {
    service_node_pubkey: n.ed25519Hex,
    pubkey_ed25519: n.ed25519Hex,
    pubkey_x25519: n.x25519Hex,
    public_ip: n.ip,
    storage_port: n.port,
    storage_lmq_port: 0,
    swarm: formatSwarmId(n.swarmId),
    active: true,
    funded: true,
    requested_unlock_height: 0,
    storage_server_version: [2, 8, 0],
  };
}

function filterFields(e: JsonObject, fields: Json | undefined): JsonObject {
  if (typeof fields !== 'object' || fields === null || Array.isArray(fields)) return e;
  return Object.fromEntries(Object.entries(e).filter(([k]) => fields[k] === true));
}

export function staticProxy(view: () => SwarmView | null): OxendProxy {
  return async (ctx, endpoint, params) => {
    if (endpoint !== 'get_service_nodes') return fail(400, `${endpoint} is not available without a registry`);
    const v = view();
    const states = (v?.nodes ?? []).map((n) => filterFields(entry(n), params?.['fields']));
    const result: JsonObject = {
      height: v?.height ?? 0,
      target_height: v?.height ?? 0,
      block_hash: v?.blockHash ?? '',
      hardfork: v?.hf[0] ?? 21,
      snode_revision: v?.hf[1] ?? 0,
      status: 'OK',
      service_node_states: states,
    };
    return ok(withMisc(ctx, { result }));
  };
}
