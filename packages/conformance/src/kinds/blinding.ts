import {
  blind15Candidates,
  blind15Id,
  blind25Id,
  blind25IdFromSessionId,
  decryptFromBlindedRecipient,
  deriveAccountKeys,
  fromHex,
  toHex,
} from '@hush/core';
import { str, type KindHandler } from './handler.ts';

const serverPk = (input: Readonly<Record<string, unknown>>): Uint8Array => fromHex(str(input, 'server_pk'), 'server_pk', 32);
const secretKey = (input: Readonly<Record<string, unknown>>, field: string) =>
  deriveAccountKeys(fromHex(str(input, field), field)).ed25519SecretKey;

export const blind15IdKind: KindHandler = (input) => ({ blinded_id: blind15Id(secretKey(input, 'seed'), serverPk(input)) });

export const blind15CandidatesKind: KindHandler = (input) => ({
  blinded_ids: blind15Candidates(str(input, 'session_id'), serverPk(input)),
});

export const blind25IdKind: KindHandler = (input) => ({ blinded_id: blind25Id(secretKey(input, 'seed'), serverPk(input)) });

export const blind25FromSessionIdKind: KindHandler = (input) => ({
  blinded_id: blind25IdFromSessionId(str(input, 'session_id'), serverPk(input)),
});

export const decryptBlindedDm: KindHandler = (input) => {
  const r = decryptFromBlindedRecipient(
    secretKey(input, 'recipient_seed'),
    serverPk(input),
    str(input, 'sender_blinded_id'),
    undefined,
    fromHex(str(input, 'ciphertext'), 'ciphertext'),
  );
  return { plaintext: toHex(r.plaintext), sender_session_id: r.senderSessionId };
};
