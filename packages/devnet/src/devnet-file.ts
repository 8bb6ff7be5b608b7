/**
 * `<dir>/devnet.json` (registry contract): `{"registry": url, "nodes": [{"pubkey_ed25519",
 * "pubkey_x25519", "ip", "port", "swarm_id" (16-digit hex)}]}` — what clients and tools read to
 * find the local network.
 */
import { join } from 'node:path';
import { writeFileAtomic } from './write-file-atomic.ts';

export const DEVNET_FILE = 'devnet.json';

export interface DevnetFileNode {
  readonly pubkeyEd25519: string;
  readonly pubkeyX25519: string;
  readonly ip: string;
  readonly port: number;
  /** 16 lowercase hex digits. */
  readonly swarm: string;
}

export function devnetFileText(registry: string, nodes: readonly DevnetFileNode[]): string {
  const doc = {
    registry,
    nodes: nodes.map((n) => ({ pubkey_ed25519: n.pubkeyEd25519, pubkey_x25519: n.pubkeyX25519, ip: n.ip, port: n.port, swarm_id: n.swarm })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

export function writeDevnetFile(dir: string, registry: string, nodes: readonly DevnetFileNode[]): string {
  const path = join(dir, DEVNET_FILE);
  writeFileAtomic(path, devnetFileText(registry, nodes));
  return path;
}
