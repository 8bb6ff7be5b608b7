/**
 * One onion request over one path, with fresh key pairs and nonces for every layer (§7.3); the
 * key pairs, and the hop layers' derived keys, come from the layer key pool when one is given
 * (made ahead of time), else are made here.
 */
import { buildOnionRequest, hopNonceLength, type BuiltOnionRequest, type OnionEncType } from '@hush/core';
import type { Random } from '../runtime/random.ts';
import type { LayerKeyPool } from './layer-key-pool.ts';
import type { OnionPath } from './onion-path.ts';
import { coreDestination, type OnionTarget } from './onion-target.ts';

export function buildClientRequest(
  random: Random,
  path: OnionPath,
  target: OnionTarget,
  payload: Uint8Array,
  encType: OnionEncType,
  pool?: LayerKeyPool,
): BuiltOnionRequest {
  const layers = path.nodes.length + 1;
  const nonceLength = hopNonceLength(encType);
  const ready = pool?.take(path.nodes, encType);
  const ephemeralSecrets = ready?.secrets ?? Array.from({ length: layers }, () => random.bytes(32));
  const nonces = Array.from({ length: layers }, () => random.bytes(nonceLength));
  return buildOnionRequest({
    hops: path.nodes.map((n) => ({ ed25519: n.ed25519, x25519: n.x25519Key })),
    destination: coreDestination(target),
    payload,
    encType,
    random: { ephemeralSecrets, nonces, ...(ready === undefined ? {} : { ephemeralPublics: ready.publics, layerKeys: ready.keys }) },
  });
}
