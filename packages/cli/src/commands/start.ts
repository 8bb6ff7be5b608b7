/**
 * `hush start` (what `npm start` runs): the local Hush network (registry and 12 service nodes, kept
 * in <data dir>/devnet), two ready accounts (Alice and Bob, in <data dir>/profiles) and the
 * messenger web app for each, served by its client daemon on 127.0.0.1. Prints the two URLs and
 * how to use the CLI against the same network, then runs until Ctrl-C, when it stops everything
 * it started. A second run reuses the network, the accounts and their messages.
 */
import { join, relative } from 'node:path';
import { createClient, makeDirs, withIoContext, type CreateClientOptions } from '@hush/client';
import { startDaemon, type Daemon } from '@hush/daemon';
import { MAX_DEVNET_NODES, startDevnet, type Devnet } from '@hush/devnet';
import type { CommandContext } from '../context.ts';
import { resolveDataDir } from '../data-dir.ts';
import { watchDevnetProgress } from '../devnet-progress.ts';
import { intOption } from '../int-option.ts';
import { DEFAULT_DEVNET_NODES, DEFAULT_DEVNET_TIMEOUT_S, START_APP_PORTS } from '../limits.ts';
import { openLocalProfiles, type LocalProfile } from '../local-profiles.ts';
import { shellArg } from '../shell-arg.ts';
import { waitForStop } from '../stop-signals.ts';
import { textTable } from '../text-table.ts';

/** The profile's client, with its display name set the first time (so the other side sees a name). */
function namedClient(displayName: string) {
  return async (options: CreateClientOptions) => {
    const client = await createClient(options);
    if (client.displayName() === null) await client.setDisplayName(displayName);
    return client;
  };
}

async function startApp(ctx: CommandContext, profile: LocalProfile, network: string, port: number): Promise<Daemon> {
  const options = {
    dataDir: profile.dataDir,
    network,
    createClient: namedClient(profile.displayName),
    log: (line: string) => ctx.out.progress(`${profile.displayName}: ${line}`),
  };
  try {
    return await startDaemon({ ...options, port });
  } catch (err) {
    if ((err as { code?: unknown })?.code !== 'EADDRINUSE') throw err;
    return startDaemon({ ...options, port: 0 }); // the usual port is taken: any free one
  }
}

function shown(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return shellArg(rel !== '' && !rel.startsWith('..') ? rel : path);
}

function summary(ctx: CommandContext, devnet: Devnet, profiles: readonly LocalProfile[], apps: readonly Daemon[]): void {
  const [alice] = profiles as [LocalProfile];
  const net = shown(devnet.devnetFile, ctx.io.cwd);
  const text = [
    `Hush is running: a local network of ${devnet.nodes.length} service nodes, and two ready accounts.`,
    '',
    'Open the messenger (one browser tab each) and write from one to the other:',
    textTable(profiles.map((p, i) => [p.displayName, apps[i]?.url ?? ''] as const)),
    '',
    'Their Session IDs:',
    textTable(profiles.map((p) => [p.displayName, p.sessionId] as const)),
    '',
    'Or, in another terminal, with an account of your own (kept in ~/.hush):',
    textTable([
      ['make it', 'npx hush account create'],
      ['write to Alice', `npx hush --network ${net} send ${alice.sessionId} "hi Alice"`],
      ['see what comes back', `npx hush --network ${net} listen`],
    ]),
    '',
    'Press Ctrl-C to stop everything. `npm start` again picks up the same network, accounts and messages.',
  ].join('\n');
  const data = {
    event: 'up',
    devnet_file: devnet.devnetFile,
    registry: devnet.registry,
    nodes: devnet.nodes.length,
    profiles: profiles.map((p, i) => ({ name: p.name, display_name: p.displayName, session_id: p.sessionId, data_dir: p.dataDir, url: apps[i]?.url, created: p.created })),
  };
  ctx.out.result(data, text);
}

async function bringUpNetwork(ctx: CommandContext, dir: string, signal: AbortSignal): Promise<Devnet> {
  const nodes = intOption(ctx.args, 'nodes', 1, MAX_DEVNET_NODES) ?? DEFAULT_DEVNET_NODES;
  ctx.out.progress(`starting the local network (registry and ${nodes} service nodes) in ${dir}`);
  const stopProgress = watchDevnetProgress({ dir, nodes, report: (line) => ctx.out.progress(line) });
  try {
    return await startDevnet({ nodes, dir, signal, readyTimeoutMs: DEFAULT_DEVNET_TIMEOUT_S * 1000, log: () => undefined });
  } finally {
    stopProgress();
  }
}

export async function start(ctx: CommandContext): Promise<number> {
  const root = resolveDataDir(ctx, 'local');
  const devnetDir = join(root, 'devnet');
  await withIoContext(`cannot create the directory ${devnetDir}`, () => makeDirs(devnetDir, 0o700));
  const profiles = await openLocalProfiles(root);
  const stop = waitForStop(ctx.io.onStopSignal);
  const abort = new AbortController();
  void stop.signalled.then((signal) => abort.abort(new Error(`${signal} received`)));
  const apps: Daemon[] = [];
  let devnet: Devnet | undefined;
  try {
    devnet = await bringUpNetwork(ctx, devnetDir, abort.signal);
    ctx.out.progress('starting the messenger for Alice and Bob (the first run builds the web app)');
    for (const [i, profile] of profiles.entries()) {
      if (stop.stopRequested()) break;
      apps.push(await startApp(ctx, profile, devnet.devnetFile, START_APP_PORTS[i] ?? 0));
    }
    if (!stop.stopRequested()) summary(ctx, devnet, profiles, apps);
    ctx.out.progress(`${await stop.signalled}: stopping the messenger and the local network`);
    return 0;
  } catch (err) {
    if (abort.signal.aborted) return 0;
    throw err;
  } finally {
    for (const app of apps) await app.stop().catch(() => undefined);
    await devnet?.stop();
    stop.release();
  }
}
