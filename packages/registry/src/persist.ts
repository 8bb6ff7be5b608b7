/**
 * The registry's state on disk: `<dataDir>/registry-state.json`, written atomically (temporary
 * file, fsync, rename) so a restarted devnet keeps its height, block hash and swarm ids. The file
 * is untrusted input when read back: every field is checked and a bad file is refused, naming the
 * field, rather than silently replaced.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { HushError } from '@hush/core';
import { swarmHex } from './block-hash.ts';
import { parseNodeAddress, type NodeAddress } from './parse-announce.ts';
import type { NodeRecord, RegistrySnapshot } from './state.ts';

export const STATE_FILE = 'registry-state.json';
const FORMAT_VERSION = 1;
const MAX_STATE_BYTES = 64 * 1024 * 1024;
const HASH_RE = /^[0-9a-f]{64}$/;
const SWARM_RE = /^[0-9a-f]{16}$/;

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_ARGUMENT', `${STATE_FILE}: ${field}: ${message}`, { details: { field } });
}

export function serializeState(snapshot: RegistrySnapshot): string {
  const nodes = snapshot.nodes.map((n) => ({
    pubkey_ed25519: n.pubkeyEd25519,
    pubkey_x25519: n.pubkeyX25519,
    public_ip: n.publicIp,
    storage_port: n.storagePort,
    swarm: swarmHex(n.swarmId),
  }));
  const doc = { version: FORMAT_VERSION, height: snapshot.height, block_hash: snapshot.blockHash, nodes };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

function parseNode(value: unknown, index: number): NodeRecord {
  const field = `nodes[${index}]`;
  let address: NodeAddress;
  try {
    address = parseNodeAddress(value, field); // same rules as an announce
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', `${STATE_FILE}: ${field}: ${(cause as Error).message}`, {
      details: { field },
      cause,
    });
  }
  const swarm = (value as Record<string, unknown>)['swarm'];
  if (typeof swarm !== 'string' || !SWARM_RE.test(swarm)) throw bad(`${field}.swarm`, 'expected 16 hex digits');
  return { ...address, swarmId: BigInt(`0x${swarm}`) };
}

export function parseState(text: string): RegistrySnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${STATE_FILE}: not valid JSON`, { cause });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw bad('(root)', 'expected an object');
  const d = doc as Record<string, unknown>;
  if (d['version'] !== FORMAT_VERSION) throw bad('version', `expected ${FORMAT_VERSION}`);
  const height = d['height'];
  if (typeof height !== 'number' || !Number.isSafeInteger(height) || height < 0) throw bad('height', 'expected an integer >= 0');
  const blockHash = d['block_hash'];
  if (typeof blockHash !== 'string' || !HASH_RE.test(blockHash)) throw bad('block_hash', 'expected 64 lowercase hex');
  const rawNodes = d['nodes'];
  if (!Array.isArray(rawNodes)) throw bad('nodes', 'expected an array');
  const nodes = rawNodes.map(parseNode);
  if (new Set(nodes.map((n) => n.pubkeyEd25519)).size !== nodes.length) throw bad('nodes', 'duplicate pubkey_ed25519');
  return { height, blockHash, nodes };
}

/** The saved state, or undefined when there is none yet. */
export function loadState(dataDir: string): RegistrySnapshot | undefined {
  let text: string;
  try {
    const raw = readFileSync(join(dataDir, STATE_FILE));
    if (raw.length > MAX_STATE_BYTES) throw bad('(file)', `larger than ${MAX_STATE_BYTES} bytes`);
    text = raw.toString('utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseState(text);
}

export function saveState(dataDir: string, snapshot: RegistrySnapshot): void {
  mkdirSync(dataDir, { recursive: true });
  const target = join(dataDir, STATE_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, serializeState(snapshot));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, target);
}
