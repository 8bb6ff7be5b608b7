/** An account id as swarm lookups take it: 66 hex characters (prefix byte + 32-byte key). */
import { HushError, fromHex } from '@hush/core';

export function parseAccountPubkey(pubkey: unknown, field = 'pubkey'): { hex: string; bytes: Uint8Array } {
  if (typeof pubkey !== 'string' || !/^[0-9a-fA-F]{66}$/.test(pubkey)) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${field}: expected 66 hex characters (prefix + 32-byte key)`, { details: { field } });
  }
  return { hex: pubkey.toLowerCase(), bytes: fromHex(pubkey, field, 33) };
}
