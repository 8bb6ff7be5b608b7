/**
 * A registry-less private network: the node list comes from a `devnet.json`-shaped file
 * (`{"registry"?: url, "nodes": [{pubkey_ed25519, pubkey_x25519, ip, port, swarm_id}]}`).
 */
import { readFileSync } from 'node:fs';
import { blake2b, HushError, toHex, utf8 } from '@hush/core';
import { isPlainObject } from '../rpc/params.ts';
import { parseDevnetNodes } from './node-list.ts';
import { buildSwarmView, type SwarmView } from './swarm-view.ts';

export function staticViewFromJson(text: string, source: string): SwarmView {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', `${source}: not valid JSON`, { cause, details: { source } });
  }
  if (!isPlainObject(parsed) || !Array.isArray(parsed['nodes'])) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', `${source}: expected an object with a "nodes" array`, { details: { source } });
  }
  const { nodes, skipped } = parseDevnetNodes(parsed['nodes']);
  if (skipped > 0) {
    throw new HushError('HUSH_ERR_BAD_CONFIG', `${source}: ${skipped} malformed node entr${skipped === 1 ? 'y' : 'ies'}`, { details: { source, skipped } });
  }
  return buildSwarmView(nodes, { height: 1, blockHash: toHex(blake2b(32, utf8(text))), hf: [21, 0] });
}

export function loadStaticView(path: string): SwarmView {
  return staticViewFromJson(readFileSync(path, 'utf8'), path);
}
