import {
  decryptIncoming,
  deriveAccountKeys,
  encryptForRecipientDeterministic,
  fromHex,
  parseUserSessionId,
  sessionIdToX25519,
  toHex,
} from '@hush/core';
import { str, type KindHandler } from './handler.ts';

export const decrypt1o1: KindHandler = (input) => {
  const keys = deriveAccountKeys(fromHex(str(input, 'recipient_seed'), 'recipient_seed'));
  const r = decryptIncoming(keys, fromHex(str(input, 'ciphertext'), 'ciphertext'));
  return { plaintext: toHex(r.plaintext), sender_session_id: r.senderSessionId };
};

export const encrypt1o1Deterministic: KindHandler = (input) => {
  const sender = deriveAccountKeys(fromHex(str(input, 'sender_seed'), 'sender_seed'));
  const recipient = sessionIdToX25519(parseUserSessionId(str(input, 'recipient_session_id'), 'recipient_session_id'));
  const c = encryptForRecipientDeterministic(sender.ed25519SecretKey, recipient, fromHex(str(input, 'plaintext'), 'plaintext'));
  return { ciphertext: toHex(c) };
};
