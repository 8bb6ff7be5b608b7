/**
 * `hush network` output: the client's onion paths hop by hop with their latency, its clock
 * against the network's, the nodes it knows and its own swarm — the figures the web app's network
 * panel shows, as text (a table per path) or as JSON (snake_case, ms as numbers, null = not
 * measured yet). Pure: status in, strings out.
 */
import type { NetworkStatus, PathHopStatus } from '@hush/client';
import { gridTable } from './grid-table.ts';

const ROLES = ['guard', 'middle', 'exit'];

/** "0.8 ms", "14 ms": one decimal under 10 ms (loopback hops take well under one). */
export function formatMs(ms: number): string {
  return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** The clock row: "in step with the network", "1.2 s ahead of the network", "40 ms behind the network". */
export function formatClockOffset(ms: number): string {
  const abs = Math.abs(ms);
  if (abs < 1) return 'in step with the network';
  const size = Math.round(abs) < 1000 ? `${Math.round(abs)} ms` : `${(abs / 1000).toFixed(1)} s`;
  return `${size} ${ms > 0 ? 'ahead of' : 'behind'} the network`;
}

function role(i: number, count: number): string {
  if (count === ROLES.length) return ROLES[i]!;
  return i === 0 ? 'guard' : i === count - 1 ? 'exit' : 'middle';
}

/** A hop's own share ("+1.0 ms" after the guard) and how far it is from us. */
function hopLatency(hop: PathHopStatus, i: number): string {
  if (hop.latencyMs === null) return 'not measured yet';
  if (i === 0 || hop.hopMs === null) return formatMs(hop.latencyMs);
  return `+${formatMs(hop.hopMs)}  (${formatMs(hop.latencyMs)} from you)`;
}

function pathText(path: NetworkStatus['paths'][number], n: number): string {
  const trip = path.latencyMs === null ? 'round trip not measured yet' : `round trip ${formatMs(path.latencyMs)}`;
  const failures = path.failures > 0 ? ` · ${path.failures} failure${path.failures === 1 ? '' : 's'}` : '';
  const rows = path.hops.map((hop, i) => [String(i + 1), role(i, path.hops.length), `${hop.ip}:${hop.port}`, `${hop.ed25519.slice(0, 12)}…`, hopLatency(hop, i)]);
  const table = gridTable(['#', 'hop', 'address', 'node', 'latency'], rows)
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
  return `Path ${n} · ${trip}${failures}\n${table}`;
}

export function networkText(status: NetworkStatus): string {
  const paths = status.paths.length === 0 ? ['No onion paths yet.'] : status.paths.map((p, i) => pathText(p, i + 1));
  const swarm = status.swarm === null ? 'not known yet' : `${status.swarm.members.length} nodes (swarm ${status.swarm.id})`;
  const facts = [
    ['Clock', Math.abs(status.clockOffsetMs) < 1 ? formatClockOffset(0) : `yours is ${formatClockOffset(status.clockOffsetMs)}`],
    ['Nodes known', String(status.nodesKnown)],
    ['Your swarm', swarm],
  ];
  const width = Math.max(...facts.map(([k]) => k!.length)) + 2;
  return [...paths, facts.map(([k, v]) => `${k!.padEnd(width)}${v}`).join('\n')].join('\n\n');
}

export function networkJson(status: NetworkStatus): Record<string, unknown> {
  return {
    paths: status.paths.map((p) => ({
      id: p.id,
      latency_ms: p.latencyMs,
      failures: p.failures,
      hops: p.hops.map((h, i) => ({ role: role(i, p.hops.length), ed25519: h.ed25519, ip: h.ip, port: h.port, latency_ms: h.latencyMs, hop_ms: h.hopMs })),
    })),
    clock_offset_ms: status.clockOffsetMs,
    nodes_known: status.nodesKnown,
    swarm: status.swarm === null ? null : { id: status.swarm.id, members: [...status.swarm.members] },
  };
}

/** True once every hop of every path has a latency figure (what `hush network` waits for). */
export function fullyMeasured(status: NetworkStatus): boolean {
  return status.paths.length > 0 && status.paths.every((p) => p.hops.length > 0 && p.hops.every((h) => h.latencyMs !== null));
}
