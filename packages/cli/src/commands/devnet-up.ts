/**
 * `hush devnet up [--nodes N] [--dir D] [--base-port P] [--timeout S]`: the registry (in this
 * process) and N service nodes (one child process each, on its own loopback address and port,
 * data in D/node-<i>), in the foreground. Prints progress while swarms form, then the table and
 * the path of D/devnet.json; on SIGINT/SIGTERM stops everything it started and exits 0. Re-running
 * with the same D keeps the ports, node identities and data.
 */
import { startDevnet, formatTable, MAX_DEVNET_NODES } from '@hush/devnet';
import type { Devnet, DevnetOptions } from '@hush/devnet';
import type { CommandContext } from '../context.ts';
import { resolveDevnetDir } from '../devnet-dir.ts';
import { watchDevnetProgress } from '../devnet-progress.ts';
import { intOption } from '../int-option.ts';
import { withIoContext } from '@hush/client';
import { DEFAULT_DEVNET_NODES, DEFAULT_DEVNET_TIMEOUT_S, MAX_DEVNET_TIMEOUT_S } from '../limits.ts';
import { makeDirs } from '@hush/client';
import { shellArg } from '../shell-arg.ts';
import { waitForStop } from '../stop-signals.ts';
import { textTable } from '../text-table.ts';

function devnetOptions(ctx: CommandContext, dir: string, signal: AbortSignal): DevnetOptions {
  const basePort = intOption(ctx.args, 'base-port', 1024, 65_000);
  const timeoutS = intOption(ctx.args, 'timeout', 1, MAX_DEVNET_TIMEOUT_S) ?? DEFAULT_DEVNET_TIMEOUT_S;
  return {
    nodes: intOption(ctx.args, 'nodes', 1, MAX_DEVNET_NODES) ?? DEFAULT_DEVNET_NODES,
    dir,
    signal,
    readyTimeoutMs: timeoutS * 1000,
    log: () => undefined, // this command prints its own progress and table
    ...(basePort === undefined ? {} : { basePort }),
  };
}

function announce(ctx: CommandContext, dir: string, devnet: Devnet): void {
  const swarms = new Set(devnet.nodes.map((n) => n.swarm)).size;
  const data = {
    event: 'up',
    dir,
    devnet_file: devnet.devnetFile,
    registry: devnet.registry,
    nodes: devnet.nodes.map((n) => ({
      index: n.index,
      ip: n.ip,
      port: n.port,
      metrics_port: n.metricsPort,
      swarm_id: n.swarm,
      pubkey_ed25519: n.pubkeyEd25519,
      pubkey_x25519: n.pubkeyX25519,
      pid: n.pid,
      data_dir: n.dataDir,
    })),
  };
  const text = [
    formatTable(devnet.registry, devnet.nodes).trimEnd(),
    '',
    `Devnet up: ${devnet.nodes.length} nodes in ${swarms} swarm${swarms === 1 ? '' : 's'}.`,
    textTable([
      ['node list', devnet.devnetFile],
      ['status', `hush devnet status --dir ${shellArg(dir)}`],
      ['one node', `hush node status --data-dir ${shellArg(devnet.nodes[0]?.dataDir ?? dir)}`],
    ]),
    'Press Ctrl-C to stop the devnet and every node it started.',
  ].join('\n');
  ctx.out.result(data, text);
}

/** Starts the devnet; undefined when a stop signal came first (everything started is stopped). */
async function bringUp(ctx: CommandContext, options: DevnetOptions, abort: AbortController): Promise<Devnet | undefined> {
  ctx.out.progress(`starting the registry and ${options.nodes} service nodes in ${options.dir}`);
  const stopProgress = watchDevnetProgress({ dir: options.dir, nodes: options.nodes, report: (line) => ctx.out.progress(line) });
  try {
    return await startDevnet(options);
  } catch (err) {
    if (abort.signal.aborted) return undefined;
    throw err;
  } finally {
    stopProgress();
  }
}

export async function devnetUp(ctx: CommandContext): Promise<number> {
  const dir = resolveDevnetDir(ctx);
  const abort = new AbortController();
  const options = devnetOptions(ctx, dir, abort.signal);
  await withIoContext(`cannot create the devnet directory ${dir}`, () => makeDirs(dir, 0o700));
  const stop = waitForStop(ctx.io.onStopSignal);
  void stop.signalled.then((signal) => abort.abort(new Error(`${signal} received`)));
  try {
    const devnet = await bringUp(ctx, options, abort);
    if (devnet === undefined) {
      ctx.out.progress('stopped before the devnet was up; everything it started is stopped');
      return 0;
    }
    announce(ctx, dir, devnet);
    ctx.out.progress(`${await stop.signalled}: stopping the devnet`);
    await devnet.stop();
    ctx.out.progress('devnet stopped');
    return 0;
  } finally {
    stop.release();
  }
}
