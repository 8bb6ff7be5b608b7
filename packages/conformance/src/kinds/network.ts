import { fromBase64, fromHex, fromUtf8, messageHash, peelThroughPath, swarmForPubkey } from '@hush/core';
import { str, type KindHandler } from './handler.ts';

export const messageHashKind: KindHandler = (input) => {
  const ns = input['namespace'];
  if (typeof ns !== 'number') throw new TypeError('input.namespace must be a number');
  return { hash: messageHash(fromHex(str(input, 'pubkey'), 'pubkey', 33), ns, fromBase64(str(input, 'data_b64'), 'data_b64')) };
};

export const swarmForPubkeyKind: KindHandler = (input) => {
  const ids = input['swarm_ids'];
  if (!Array.isArray(ids)) throw new TypeError('input.swarm_ids must be an array');
  const swarmIds = ids.map((id, i) => {
    if (typeof id !== 'string' || !/^\d{1,20}$/.test(id) || BigInt(id) >= 2n ** 64n) {
      throw new TypeError(`input.swarm_ids[${i}] must be a decimal u64 string`);
    }
    return BigInt(id);
  });
  return { swarm_id: swarmForPubkey(fromHex(str(input, 'pubkey'), 'pubkey', 33), swarmIds).toString() };
};

export const onionPeelKind: KindHandler = (input) => {
  const sks = input['hop_x25519_sks'];
  if (!Array.isArray(sks)) throw new TypeError('input.hop_x25519_sks must be an array');
  const secrets = sks.map((sk, i) => fromHex(sk, `hop_x25519_sks[${i}]`, 32));
  const r = peelThroughPath(fromHex(str(input, 'request'), 'request'), secrets);
  const final = r.final.type === 'snode'
    ? { type: 'snode', control: r.final.control, payload: fromUtf8(r.final.payload) }
    : { type: 'server', server: r.final.server, payload: fromUtf8(r.final.payload) };
  return { forwarded_to: r.forwardedTo, final };
};
