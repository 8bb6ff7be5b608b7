import { decodeMnemonic, deriveAccountKeys, encodeMnemonic, fromHex, toHex } from '@hush/core';
import { str, type KindHandler } from './handler.ts';

export const sessionIdFromSeed: KindHandler = (input) => {
  const keys = deriveAccountKeys(fromHex(str(input, 'seed'), 'seed'));
  return {
    ed25519_pk: toHex(keys.ed25519PublicKey),
    x25519_pk: toHex(keys.x25519PublicKey),
    session_id: keys.sessionId,
  };
};

export const mnemonicEncode: KindHandler = (input) => ({
  words: encodeMnemonic(fromHex(str(input, 'seed'), 'seed')),
});

export const mnemonicDecode: KindHandler = (input) => ({
  seed: toHex(decodeMnemonic(str(input, 'words'))),
});
