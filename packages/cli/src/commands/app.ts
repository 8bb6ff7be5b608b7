/**
 * `hush app [--data-dir D] [--network FILE|URL] [--port P]`: the local client daemon in the
 * foreground — the web messenger on http://127.0.0.1:PORT behind a per-launch access token (the
 * printed address carries it), the account in the data directory (or onboarding, when there is
 * none yet), the messenger client connected to the network. Builds the web app first when it is
 * missing or older than its sources. Runs until SIGINT/SIGTERM, then stops cleanly and exits 0.
 */
import { isSystemError } from '@hush/client';
import { startDaemon } from '@hush/daemon';
import type { Daemon } from '@hush/daemon';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { intOption } from '../int-option.ts';
import { resolveNetwork } from '../network-option.ts';
import { waitForStop } from '../stop-signals.ts';
import { textTable } from '../text-table.ts';

const HOST = '127.0.0.1';

async function start(ctx: CommandContext, dataDir: string, network: Awaited<ReturnType<typeof resolveNetwork>>, port: number): Promise<Daemon> {
  try {
    return await startDaemon({ dataDir, network: network.option, host: HOST, port, log: (line) => ctx.out.progress(line) });
  } catch (err) {
    if (isSystemError(err) && (err.code === 'EADDRINUSE' || err.code === 'EACCES') && err.hushContext === undefined) {
      err.hushContext = `cannot listen on ${HOST}:${port} (choose another --port, or 0 for any free port)`;
    }
    throw err;
  }
}

function announce(ctx: CommandContext, daemon: Daemon, dataDir: string, where: string): void {
  const data = { event: 'listening', url: daemon.url, host: daemon.host, port: daemon.port, data_dir: dataDir, network: where, pid: process.pid };
  const text = [
    'Hush is running. Open this address in your browser (it holds this launch\'s access key; keep it to yourself):',
    '',
    `  ${daemon.url}`,
    '',
    textTable([
      ['account', dataDir],
      ['network', where],
    ]),
    'Press Ctrl-C to stop.',
  ].join('\n');
  ctx.out.result(data, text);
}

export async function app(ctx: CommandContext): Promise<number> {
  const dataDir = resolveDataDir(ctx, 'home');
  const network = await resolveNetwork(ctx);
  const port = intOption(ctx.args, 'port', 0, 65_535) ?? 0;
  const stop = waitForStop(ctx.io.onStopSignal);
  try {
    const daemon = await start(ctx, dataDir, network, port);
    try {
      announce(ctx, daemon, dataDir, network.where);
      ctx.out.progress(`${await stop.signalled}: stopping`);
    } finally {
      await daemon.stop();
    }
    ctx.out.progress('stopped');
    return 0;
  } finally {
    stop.release();
  }
}
