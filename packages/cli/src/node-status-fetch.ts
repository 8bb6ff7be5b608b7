/**
 * Asks a node's status port for GET /status (who it is, its swarm, what it stores) and GET
 * /metrics (request and replication counters). "Nothing listens there" becomes
 * HUSH_ERR_NOT_RUNNING with what to do; a different node answering at a recorded address too.
 */
import { HushError } from '@hush/core';
import { httpGet } from './http-get.ts';
import { isSystemError } from '@hush/client';
import { MAX_METRICS_BYTES, MAX_STATUS_BYTES, NODE_PROBE_TIMEOUT_MS } from './limits.ts';
import type { NodeEndpoint } from './node-locate.ts';
import { parseNodeStatus } from './node-status-doc.ts';
import type { NodeStatusDoc } from './node-status-doc.ts';
import { sumMetric } from './prometheus-sum.ts';

export interface NodeCounters {
  readonly requests?: number;
  readonly rateLimited?: number;
  readonly replicationRequests?: number;
  readonly replicationFailures?: number;
}

export interface NodeReport {
  readonly status: NodeStatusDoc;
  readonly counters: NodeCounters;
}

const REFUSED = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return isSystemError(err) && err.code === 'EPERM';
  }
}

function notRunning(endpoint: NodeEndpoint, url: string, cause: unknown): HushError {
  const pid = endpoint.pid;
  const left = pid === undefined ? '' : processAlive(pid) ? `; process ${pid} is alive but not answering (still starting?)` : `; process ${pid}, which started it, has exited`;
  return new HushError('HUSH_ERR_NOT_RUNNING', `the service node in ${endpoint.dataDir} is not running (nothing answers at ${url}${left}); start it with "${endpoint.startHint}"`, {
    cause,
    details: { dataDir: endpoint.dataDir, url },
  });
}

async function get(endpoint: NodeEndpoint, path: string, maxBytes: number): Promise<string> {
  const url = `${endpoint.base}${path}`;
  let reply;
  try {
    reply = await httpGet(url, { timeoutMs: NODE_PROBE_TIMEOUT_MS, maxBytes });
  } catch (err) {
    throw isSystemError(err) && REFUSED.has(err.code) ? notRunning(endpoint, url, err) : err;
  }
  if (reply.status !== 200) throw new HushError('HUSH_ERR_NETWORK', `${url} answered HTTP ${reply.status}`, { details: { url, status: reply.status } });
  return reply.body;
}

const COUNTERS: readonly (readonly [keyof NodeCounters, string])[] = [
  ['requests', 'hush_storage_requests_total'],
  ['rateLimited', 'hush_rate_limited_total'],
  ['replicationRequests', 'hush_replication_requests_total'],
  ['replicationFailures', 'hush_replication_failures_total'],
];

/** The counters from /metrics text (a counter with no sample yet is 0); {} when /metrics failed. */
function counters(metrics: string | undefined): NodeCounters {
  const out: { -readonly [K in keyof NodeCounters]: number } = {};
  if (metrics === undefined) return out;
  for (const [key, name] of COUNTERS) out[key] = sumMetric(metrics, name) ?? 0;
  return out;
}

/** The node's status and counters; the metrics part is best effort (absent counters stay absent). */
export async function fetchNodeReport(endpoint: NodeEndpoint): Promise<NodeReport> {
  const url = `${endpoint.base}/status`;
  const status = parseNodeStatus(await get(endpoint, '/status', MAX_STATUS_BYTES), url);
  if (endpoint.pubkeyEd25519 !== undefined && status.pubkeyEd25519 !== endpoint.pubkeyEd25519) {
    throw new HushError('HUSH_ERR_NOT_RUNNING', `the service node in ${endpoint.dataDir} is not running: another node (${status.pubkeyEd25519}) answers at ${url}; start it with "${endpoint.startHint}"`, {
      details: { dataDir: endpoint.dataDir, url },
    });
  }
  const metrics = await get(endpoint, '/metrics', MAX_METRICS_BYTES).catch(() => undefined);
  return { status, counters: counters(metrics) };
}
