/**
 * The devnet's stand-in for a chain of blocks: every membership or swarm change makes a new
 * "block" whose hash is BLAKE2b-256 over the new height, the previous hash and the sorted list of
 * nodes. The swarm-assignment seed is the first 8 bytes of the previous hash, little-endian, as
 * oxend derives it from the block hash.
 */
import { blake2b, fromHex, toHex, utf8 } from '@hush/core';

export interface BlockEntry {
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly publicIp: string;
  readonly storagePort: number;
  readonly swarmId: bigint;
}

const GENESIS_TEXT = 'hush-registry-genesis';
const BLOCK_PREFIX = 'hush-registry-block\n';

/** Hash of height 0, before any node has announced. */
export function genesisBlockHash(): string {
  return toHex(blake2b(32, utf8(GENESIS_TEXT)));
}

/** Lowercase hex, always 16 digits. */
export function swarmHex(id: bigint): string {
  return id.toString(16).padStart(16, '0');
}

function entryLine(entry: BlockEntry): string {
  const port = String(entry.storagePort);
  return `${entry.pubkeyEd25519} ${entry.pubkeyX25519} ${entry.publicIp} ${port} ${swarmHex(entry.swarmId)}\n`;
}

/** `entries` may be in any order; they are sorted by Ed25519 key here. */
export function nextBlockHash(height: number, previousHash: string, entries: readonly BlockEntry[]): string {
  const sorted = [...entries].sort((a, b) => (a.pubkeyEd25519 < b.pubkeyEd25519 ? -1 : 1));
  const text = `${BLOCK_PREFIX}${height}\n${previousHash}\n${sorted.map(entryLine).join('')}`;
  return toHex(blake2b(32, utf8(text)));
}

/** First 8 bytes of a 32-byte hex block hash read as a little-endian u64. */
export function seedFromBlockHash(blockHash: string): bigint {
  const bytes = fromHex(blockHash, 'block_hash', 32);
  let seed = 0n;
  for (let i = 7; i >= 0; i--) seed = (seed << 8n) | BigInt(bytes[i]!);
  return seed;
}
