/**
 * The devnet's port plan, stored in `<dir>/devnet-plan.json` so a re-run reuses the same addresses
 * (and nodes keep their identities, data and swarms). New entries are allocated from `basePort`
 * upward, skipping ports already in use; node i gets 127.0.0.(i+2) when the host routes all of
 * 127/8 to loopback (Linux does), else 127.0.0.1. Metrics ports are on 127.0.0.1 in either case.
 * Keep `basePort` below the kernel's ephemeral range (32768+ on Linux): a port probed free there can
 * be taken by any outgoing connection before the node binds it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HushError } from '@hush/core';
import { writeFileAtomic } from './write-file-atomic.ts';
import { MAX_DEVNET_NODES, MAX_PORT_SCAN } from './limits.ts';

export const PLAN_FILE = 'devnet-plan.json';

export interface PlannedNode {
  readonly ip: string;
  readonly port: number;
  readonly metricsPort: number;
}

export interface PortPlan {
  readonly registry: { readonly host: string; readonly port: number };
  readonly nodes: readonly PlannedNode[];
}

/** Whether `port` on `ip` can be bound right now. */
export type PortProbe = (ip: string, port: number) => Promise<boolean>;

const IP_RE = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function bad(field: string, message: string): HushError {
  return new HushError('HUSH_ERR_BAD_CONFIG', `${PLAN_FILE}: ${field}: ${message}`, { details: { field } });
}

function checkPort(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65_535) throw bad(field, 'expected a port number');
  return value;
}

function checkIp(value: unknown, field: string): string {
  if (typeof value !== 'string' || !IP_RE.test(value) || value.split('.').some((p) => Number(p) > 255)) {
    throw bad(field, 'expected a 127.x.y.z address');
  }
  return value;
}

function parseNodes(value: unknown): PlannedNode[] {
  if (!Array.isArray(value) || value.length > MAX_DEVNET_NODES) throw bad('nodes', `expected at most ${MAX_DEVNET_NODES} entries`);
  return value.map((n: unknown, i) => {
    const r = (typeof n === 'object' && n !== null ? n : {}) as Record<string, unknown>;
    return { ip: checkIp(r['ip'], `nodes[${i}].ip`), port: checkPort(r['port'], `nodes[${i}].port`), metricsPort: checkPort(r['metrics_port'], `nodes[${i}].metrics_port`) };
  });
}

export function parsePlan(text: string): PortPlan {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (cause) {
    throw new HushError('HUSH_ERR_BAD_JSON', `${PLAN_FILE}: not valid JSON`, { cause });
  }
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const reg = (typeof d['registry'] === 'object' && d['registry'] !== null ? d['registry'] : {}) as Record<string, unknown>;
  return {
    registry: { host: checkIp(reg['host'], 'registry.host'), port: checkPort(reg['port'], 'registry.port') },
    nodes: parseNodes(d['nodes']),
  };
}

export function loadPlan(dir: string): PortPlan | undefined {
  let text: string;
  try {
    text = readFileSync(join(dir, PLAN_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parsePlan(text);
}

export function savePlan(dir: string, plan: PortPlan): void {
  const nodes = plan.nodes.map((n) => ({ ip: n.ip, port: n.port, metrics_port: n.metricsPort }));
  writeFileAtomic(join(dir, PLAN_FILE), `${JSON.stringify({ registry: plan.registry, nodes }, null, 2)}\n`);
}

interface Allocator {
  next(ip: string): Promise<number>;
}

function portAllocator(start: number, used: ReadonlySet<number>, probe: PortProbe): Allocator {
  let candidate = start;
  return {
    async next(ip) {
      for (let scanned = 0; scanned < MAX_PORT_SCAN && candidate <= 65_535; scanned++) {
        const port = candidate++;
        if (!used.has(port) && (await probe(ip, port))) return port;
      }
      throw new HushError('HUSH_ERR_BAD_CONFIG', `no free port found from ${start}`, { details: { field: 'basePort' } });
    },
  };
}

/**
 * `existing` extended (never changed) to `count` nodes. `multiIp`: whether 127.0.0.2… can be bound.
 */
export async function extendPlan(
  existing: PortPlan | undefined,
  count: number,
  basePort: number,
  multiIp: boolean,
  probe: PortProbe,
): Promise<PortPlan> {
  const used = new Set<number>();
  if (existing !== undefined) {
    used.add(existing.registry.port);
    for (const n of existing.nodes) used.add(n.port).add(n.metricsPort);
  }
  const start = existing === undefined ? basePort : Math.max(basePort, ...used) + 1;
  const ports = portAllocator(start, used, probe);
  const registry = existing?.registry ?? { host: '127.0.0.1', port: await ports.next('127.0.0.1') };
  const nodes = [...(existing?.nodes ?? [])];
  while (nodes.length < count) {
    const ip = multiIp ? `127.0.0.${nodes.length + 2}` : '127.0.0.1';
    // The metrics server always binds 127.0.0.1 (the CLI reads it there), so that is where its port is probed.
    nodes.push({ ip, port: await ports.next(ip), metricsPort: await ports.next('127.0.0.1') });
  }
  return { registry, nodes };
}
