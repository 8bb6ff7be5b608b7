/** `hush node status` as text and as JSON, from a node's report. */
import { formatBytes, formatDuration } from './format-units.ts';
import type { NodeEndpoint } from './node-locate.ts';
import type { NodeReport } from './node-status-fetch.ts';
import { textTable } from './text-table.ts';

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

function orUnknown(n: number | undefined): string {
  return n === undefined ? 'unknown' : String(n);
}

function swarmLines(r: NodeReport): string[] {
  const s = r.status;
  if (s.swarm === null) return ['none (not in a swarm yet)'];
  const members = [`${s.pubkeyEd25519}  ${s.address.host}:${s.address.port}  (this node)`, ...s.peers.map((p) => `${p.pubkeyEd25519}  ${p.ip}:${p.port}`)];
  return [`${s.swarm}, ${plural(members.length, 'member')}:`, ...members.map((m) => `  ${m}`)];
}

export function nodeStatusText(endpoint: NodeEndpoint, r: NodeReport): string {
  const s = r.status;
  const c = r.counters;
  const [swarmHead, ...members] = swarmLines(r);
  const rows: [string, string][] = [
    ['state', s.ready ? 'ready' : `not ready: ${s.notReadyReason ?? 'unknown reason'}`],
    ['pubkey_ed25519', s.pubkeyEd25519],
    ['pubkey_x25519', s.pubkeyX25519],
    ['address', `https://${s.address.host}:${s.address.port}`],
    ['swarm', swarmHead ?? ''],
    ...members.map((m): [string, string] => ['', m]),
    ['network', `${s.network.source} (height ${s.network.height}, ${plural(s.network.nodes, 'node')} in ${plural(s.network.swarms, 'swarm')})`],
    ['stored', `${plural(s.storage.messages, 'message')}, ${formatBytes(s.storage.bytes)}`],
    ['requests', `${orUnknown(c.requests)} storage requests (${orUnknown(c.rateLimited)} rate-limited)`],
    ['replication', `${orUnknown(c.replicationRequests)} requests to swarm peers, ${orUnknown(c.replicationFailures)} failed`],
    ['uptime', formatDuration(s.uptimeMs)],
    ['data dir', endpoint.pid === undefined ? endpoint.dataDir : `${endpoint.dataDir} (pid ${endpoint.pid})`],
    ['status', `${endpoint.base}/status`],
  ];
  return [`Service node ${s.pubkeyEd25519.slice(0, 12)}… (hush ${s.version})`, textTable(rows)].join('\n');
}

export function nodeStatusJson(endpoint: NodeEndpoint, r: NodeReport): Record<string, unknown> {
  const s = r.status;
  const c = r.counters;
  const self = { pubkey_ed25519: s.pubkeyEd25519, ip: s.address.host, port: s.address.port };
  return {
    data_dir: endpoint.dataDir,
    status_url: `${endpoint.base}/status`,
    pid: endpoint.pid ?? null,
    version: s.version,
    pubkey_ed25519: s.pubkeyEd25519,
    pubkey_x25519: s.pubkeyX25519,
    address: s.address,
    ready: s.ready,
    not_ready_reason: s.notReadyReason,
    swarm: s.swarm,
    swarm_members: s.swarm === null ? [] : [self, ...s.peers.map((p) => ({ pubkey_ed25519: p.pubkeyEd25519, ip: p.ip, port: p.port }))],
    network: s.network,
    storage: s.storage,
    requests: c.requests ?? null,
    rate_limited: c.rateLimited ?? null,
    replication_requests: c.replicationRequests ?? null,
    replication_failures: c.replicationFailures ?? null,
    uptime_ms: s.uptimeMs,
  };
}
