/**
 * An account ("user pubkey") as the storage server sees it (session-network.md §1.2): 33 bytes =
 * any network prefix byte + 32-byte key, 66 hex characters in JSON. Storage, swarm mapping and
 * result signatures all use the prefixed form.
 */
import { fromHex, toHex } from '@hush/core';

export interface Account {
  /** 33 bytes: prefix || key. */
  readonly bytes: Uint8Array;
  /** 66 lower-case hex characters. */
  readonly hex: string;
  /** The prefix byte (5 for Session IDs, 3 for groups, …). */
  readonly type: number;
  /** The 32-byte key. */
  readonly key: Uint8Array;
}

const HEX66 = /^[0-9a-fA-F]{66}$/;

/** Parses a 66-hex account key; null when malformed. */
export function parseAccount(value: string): Account | null {
  if (!HEX66.test(value)) return null;
  const bytes = fromHex(value, 'pubkey', 33);
  return { bytes, hex: toHex(bytes), type: bytes[0]!, key: bytes.subarray(1) };
}
