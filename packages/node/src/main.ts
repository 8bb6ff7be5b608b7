/**
 * Runnable entry of the service node:
 *   node --import tsx packages/node/src/main.ts --data-dir D --port P --registry URL
 *   node --import tsx packages/node/src/main.ts --config node.json
 * Prints one JSON line `{"event":"listening",...}` on stdout once serving (tools wait for it),
 * logs JSON lines to stderr (or --log-file), and stops gracefully on SIGTERM/SIGINT.
 * Exit codes: 0 after a clean stop, 2 for a bad configuration, 1 for anything else.
 */
import { loadConfig } from './config.ts';
import { isHushError } from '@hush/core';
import { createServiceNode } from './service-node.ts';

async function main(argv: readonly string[]): Promise<number> {
  let config;
  try {
    config = loadConfig(argv);
  } catch (err) {
    process.stderr.write(`hush node: ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
  const node = createServiceNode(config);
  await node.start();
  process.stdout.write(
    JSON.stringify({ event: 'listening', host: node.address.host, port: node.address.port, pubkey_ed25519: node.pubkeys.ed25519, pubkey_x25519: node.pubkeys.x25519, metrics: node.metricsAddress }) + '\n',
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) return;
      stopping = true;
      void node.stop().then(resolve, resolve);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`hush node: ${isHushError(err) ? `${err.code}: ${err.message}` : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
