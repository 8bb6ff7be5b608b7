/**
 * Runs the registry in the foreground:
 *   node --import tsx packages/registry/src/main.ts --port P [--host H] [--data-dir D] [--expiry-ms N]
 * Prints `registry listening on <url>` on stdout once ready; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { isHushError } from '@hush/core';
import { consoleLogger } from './logger.ts';
import { createRegistry, type RegistryOptions } from './registry.ts';

function intOption(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value)) throw new Error(`--${name}: expected a non-negative integer`);
  return Number(value);
}

function optionsFromArgs(argv: readonly string[]): RegistryOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      'data-dir': { type: 'string' },
      'expiry-ms': { type: 'string' },
    },
    strict: true,
  });
  const port = intOption(values.port, 'port');
  const expiryMs = intOption(values['expiry-ms'], 'expiry-ms');
  return {
    logger: consoleLogger('registry'),
    ...(port === undefined ? {} : { port }),
    ...(expiryMs === undefined ? {} : { expiryMs }),
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['data-dir'] === undefined ? {} : { dataDir: values['data-dir'] }),
  };
}

async function main(): Promise<void> {
  const registry = createRegistry(optionsFromArgs(process.argv.slice(2)));
  await registry.start();
  process.stdout.write(`registry listening on ${registry.url}\n`);
  const shutdown = (): void => {
    registry.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const message = isHushError(err) ? `${err.code}: ${err.message}` : String((err as Error)?.message ?? err);
  process.stderr.write(`registry: ${message}\n`);
  process.exit(1);
});
