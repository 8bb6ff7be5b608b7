#!/usr/bin/env node
// The `hush` command. The CLI is TypeScript run directly: register tsx's loader, then hand over.
import { register } from 'tsx/esm/api';

// A closed pipe (`hush --help | head -1`) ends output quietly; any other failure to write
// (a full disk) makes the exit status 1 instead of crashing with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code !== 'EPIPE') process.exitCode = 1;
  });
}

register();
try {
  const { main, processIo } = await import('../src/main.ts');
  const code = await main(process.argv.slice(2), processIo());
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
} catch (err) {
  process.stderr.write(`hush: internal error: ${err instanceof Error ? err.message : String(err)} (HUSH_ERR_INTERNAL)\n`);
  process.exitCode = 1;
}
