/**
 * The string a service node signs (Ed25519, with its node key) to announce itself:
 * "hush-announce" + pubkey_ed25519 + pubkey_x25519 + public_ip + ":" + storage_port + ":" + timestamp
 * (hex keys lowercase, integers in base-10 ASCII). Registry contract, `/announce`.
 */
export interface AnnounceFields {
  /** Lowercase hex, 64 characters. */
  readonly pubkeyEd25519: string;
  /** Lowercase hex, 64 characters. */
  readonly pubkeyX25519: string;
  readonly publicIp: string;
  readonly storagePort: number;
  /** Milliseconds since the Unix epoch. */
  readonly timestamp: number;
}

export const ANNOUNCE_PREFIX = 'hush-announce';

export function announceSigningString(fields: AnnounceFields): string {
  return (
    ANNOUNCE_PREFIX +
    fields.pubkeyEd25519 +
    fields.pubkeyX25519 +
    fields.publicIp +
    ':' +
    String(fields.storagePort) +
    ':' +
    String(fields.timestamp)
  );
}
