/**
 * Runs a devnet in the foreground until SIGINT/SIGTERM:
 *   node --import tsx packages/devnet/src/main.ts --nodes N --dir D [--base-port P] [--timeout-ms T]
 *     [--node-entry path/to/main.ts]   (another service-node entry point, e.g. a test stand-in)
 * Exit code 0 after a clean stop, 1 when start-up fails.
 */
import { parseArgs } from 'node:util';
import { isHushError } from '@hush/core';
import { startDevnet, type DevnetOptions } from './devnet.ts';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`--${name}: expected a non-negative integer`);
  return Number(value);
}

function optionsFromArgs(argv: readonly string[], signal: AbortSignal): DevnetOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      nodes: { type: 'string' },
      dir: { type: 'string' },
      'base-port': { type: 'string' },
      'timeout-ms': { type: 'string' },
      'node-entry': { type: 'string' },
    },
    strict: true,
  });
  if (values.dir === undefined) throw new Error('--dir is required');
  const basePort = intOption(values['base-port'], 'base-port');
  const readyTimeoutMs = intOption(values['timeout-ms'], 'timeout-ms');
  return {
    nodes: intOption(values.nodes, 'nodes') ?? 12,
    dir: values.dir,
    signal,
    ...(basePort === undefined ? {} : { basePort }),
    ...(readyTimeoutMs === undefined ? {} : { readyTimeoutMs }),
    ...(values['node-entry'] === undefined ? {} : { nodeEntry: values['node-entry'] }),
  };
}

async function main(): Promise<void> {
  const abort = new AbortController();
  let stopRequested = false;
  const onSignal = (): void => {
    stopRequested = true;
    abort.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const devnet = await startDevnet(optionsFromArgs(process.argv.slice(2), abort.signal));
  process.stdout.write(`devnet up: ${devnet.devnetFile} (Ctrl-C to stop)\n`);
  if (!stopRequested) await new Promise<void>((resolve) => abort.signal.addEventListener('abort', () => resolve(), { once: true }));
  process.stdout.write('devnet: stopping\n');
  await devnet.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    const message = isHushError(err) ? `${err.code}: ${err.message}` : String((err as Error)?.message ?? err);
    process.stderr.write(`devnet: ${message}\n`);
    process.exit(1);
  },
);
