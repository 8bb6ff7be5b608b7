/**
 * One node entry from outside (registry/oxend `service_node_states`, `devnet.json`, `get_swarm`
 * `snodes`), parsed as untrusted: null when anything is missing or wrong, never a throw.
 * The X25519 key is derived from the Ed25519 key (service nodes derive it so: CORE, and the
 * registry contract checks it); a listed X25519 key that disagrees rejects the entry.
 */
import { INVALID_SWARM_ID, edPkToCurve, fromHex, parseSwarmId, toHex } from '@hush/core';
import type { ServiceNode } from './service-node.ts';

const HEX64 = /^[0-9a-fA-F]{64}$/;
const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])';
const IPV4 = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

/** The raw fields of one entry, whatever their names were in the source. */
export interface NodeFields {
  readonly ed25519: unknown;
  readonly x25519: unknown;
  readonly ip: unknown;
  readonly port: unknown;
  /** Hex string (1–16 digits), a safe integer, or undefined (= not in a swarm). */
  readonly swarm: unknown;
}

export function parseIpv4(value: unknown): string | null {
  if (typeof value !== 'string' || !IPV4.test(value)) return null;
  return value === '0.0.0.0' || value === '255.255.255.255' ? null : value;
}

export function parsePort(value: unknown): number | null {
  const n = typeof value === 'string' && /^[0-9]{1,5}$/.test(value) ? Number(value) : value;
  return typeof n === 'number' && Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
}

function parseSwarm(value: unknown): bigint | null {
  if (value === undefined || value === null) return INVALID_SWARM_ID;
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? BigInt(value) : null;
  try {
    return parseSwarmId(value);
  } catch {
    return null;
  }
}

function curveOf(ed25519: string): Uint8Array | null {
  try {
    return edPkToCurve(fromHex(ed25519, 'pubkey_ed25519', 32));
  } catch {
    return null;
  }
}

export function parseServiceNode(fields: NodeFields): ServiceNode | null {
  const { ed25519, x25519 } = fields;
  if (typeof ed25519 !== 'string' || !HEX64.test(ed25519)) return null;
  if (x25519 !== undefined && (typeof x25519 !== 'string' || !HEX64.test(x25519))) return null;
  const ip = parseIpv4(fields.ip);
  const port = parsePort(fields.port);
  const swarm = parseSwarm(fields.swarm);
  if (ip === null || port === null || swarm === null) return null;
  const x25519Key = curveOf(ed25519);
  if (x25519Key === null) return null;
  const x = toHex(x25519Key);
  if (x25519 !== undefined && x25519.toLowerCase() !== x) return null;
  return { ed25519: ed25519.toLowerCase(), x25519: x, x25519Key, ip, port, swarm };
}
