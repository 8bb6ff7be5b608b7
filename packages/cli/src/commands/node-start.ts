/**
 * `hush node start`: runs a service node in this process, in the foreground, until SIGINT or
 * SIGTERM, then stops it gracefully (in-flight requests finish, queued writes are committed) and
 * exits 0. In-process rather than a child: one process to signal, the node's own JSON logs on
 * stderr (or --log-file), and its addresses known directly. Once it listens, the command prints
 * where (one JSON object with --json) and records its ports in `<data dir>/running.json` for
 * `hush node status`.
 */
import { HushError } from '@hush/core';
import { createServiceNode } from '@hush/node';
import type { ServiceNode } from '@hush/node';
import type { CommandContext } from '../context.ts';
import { isSystemError } from '@hush/client';
import { locateNode } from '../node-locate.ts';
import { nodeStartOptions } from '../node-options.ts';
import type { NodeStartOptions } from '../node-options.ts';
import { fetchNodeReport } from '../node-status-fetch.ts';
import { readRunningFile, removeRunningFile, writeRunningFile } from '../running-file.ts';
import { waitForStop } from '../stop-signals.ts';
import { textTable } from '../text-table.ts';

/** HUSH_ERR_ALREADY_RUNNING when a node recorded in this data dir still answers. */
async function refuseIfRunning(dataDir: string): Promise<void> {
  const recorded = await readRunningFile(dataDir).catch(() => undefined);
  if (recorded === undefined) return;
  const answers = await locateNode(dataDir).then(fetchNodeReport).then(
    () => true,
    () => false,
  );
  if (!answers) return; // left by a node that was killed: overwritten below
  throw new HushError('HUSH_ERR_ALREADY_RUNNING', `a service node is already running with data directory ${dataDir} (pid ${recorded.pid}); stop it first, or use another --data-dir`, {
    details: { dataDir, pid: recorded.pid },
  });
}

async function startNode(node: ServiceNode, o: NodeStartOptions): Promise<void> {
  try {
    await node.start();
  } catch (err) {
    if (isSystemError(err) && err.hushContext === undefined) {
      const { address, port } = err as { address?: unknown; port?: unknown };
      const where = err.code === 'EADDRINUSE' || err.code === 'EADDRNOTAVAIL' ? `cannot listen on ${String(address ?? o.host)}:${String(port ?? o.port)}` : undefined;
      err.hushContext = where ?? `cannot start the service node in ${o.dataDir}`;
    }
    throw err;
  }
}

function networkText(o: NodeStartOptions): string {
  if (o.registry !== undefined) return `registry ${o.registry}`;
  if (o.devnet !== undefined) return `static node list ${o.devnet}`;
  return 'none (no --registry or --devnet)';
}

/** The status port's address (always on: nodeStartOptions sets a metrics port). */
function statusAddress(node: ServiceNode): { readonly host: string; readonly port: number } {
  const address = node.metricsAddress;
  if (address === null) throw new Error('the service node has no status port');
  return address;
}

function announce(ctx: CommandContext, node: ServiceNode, o: NodeStartOptions): void {
  const { address, pubkeys } = node;
  const metrics = statusAddress(node);
  const data = {
    event: 'listening',
    data_dir: o.dataDir,
    pid: process.pid,
    host: address.host,
    port: address.port,
    metrics,
    pubkey_ed25519: pubkeys.ed25519,
    pubkey_x25519: pubkeys.x25519,
    network: o.registry !== undefined ? { registry: o.registry } : o.devnet !== undefined ? { devnet: o.devnet } : null,
  };
  const text = [
    'Service node running (Ctrl-C to stop)',
    textTable([
      ['storage', `https://${address.host}:${address.port}`],
      ['status', `http://${metrics.host}:${metrics.port}/status  (hush node status --data-dir ${o.dataDir})`],
      ['pubkey_ed25519', pubkeys.ed25519],
      ['pubkey_x25519', pubkeys.x25519],
      ['network', networkText(o)],
      ['data dir', o.dataDir],
      ['logs', o.logFile ?? 'standard error (JSON lines)'],
    ]),
  ].join('\n');
  ctx.out.result(data, text);
}

async function serve(ctx: CommandContext, node: ServiceNode, o: NodeStartOptions, signalled: Promise<string>): Promise<void> {
  const metrics = statusAddress(node);
  await writeRunningFile(o.dataDir, {
    pid: process.pid,
    host: node.address.host,
    port: node.address.port,
    metricsHost: metrics.host,
    metricsPort: metrics.port,
    pubkeyEd25519: node.pubkeys.ed25519,
    startedAt: Date.now(),
  });
  announce(ctx, node, o);
  ctx.out.progress(`${await signalled}: stopping the service node`);
}

export async function nodeStart(ctx: CommandContext): Promise<number> {
  const options = await nodeStartOptions(ctx);
  await refuseIfRunning(options.dataDir);
  if (options.registry === undefined && options.devnet === undefined) {
    ctx.out.warn('no --registry or --devnet: this node knows no other nodes and answers clients "not ready"');
  }
  const stop = waitForStop(ctx.io.onStopSignal);
  try {
    const node = createServiceNode(options);
    await startNode(node, options);
    try {
      await serve(ctx, node, options, stop.signalled);
    } finally {
      await node.stop();
      await removeRunningFile(options.dataDir, process.pid);
    }
    ctx.out.progress('service node stopped');
    return 0;
  } finally {
    stop.release();
  }
}
