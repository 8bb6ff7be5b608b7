/**
 * The authentication fields of our own signed storage requests (spec client §5.2): Ed25519 over
 * the method's signed string, with the network-corrected timestamp the string names.
 */
import { signDetached, toBase64, toHex, type AccountKeys } from '@hush/core';

export interface SignedFields {
  readonly pubkey: string;
  readonly pubkey_ed25519: string;
  readonly signature: string;
}

export function signedFields(keys: AccountKeys, message: Uint8Array): SignedFields {
  return {
    pubkey: keys.sessionId,
    pubkey_ed25519: toHex(keys.ed25519PublicKey),
    signature: toBase64(signDetached(message, keys.ed25519SecretKey)),
  };
}
