/**
 * Preloaded (`node --import <this file>`) into every service-node child of a devnet, so a node
 * never outlives the devnet that started it: the parent holds the write end of the child's stdin
 * pipe, which the kernel closes when the parent exits for any reason (even SIGKILL). When stdin
 * ends, the node gets SIGTERM (its own graceful shutdown), then exits hard if that takes too long.
 *
 * Plain JavaScript (.mjs): preloads are inherited by the node's worker threads, where no
 * TypeScript loader may be active yet; in a worker this module does nothing.
 */
import { isMainThread } from 'node:worker_threads';

const HARD_EXIT_AFTER_MS = 5_000;

let dying = false;

function parentGone() {
  if (dying) return;
  dying = true;
  setTimeout(() => process.exit(1), HARD_EXIT_AFTER_MS).unref();
  process.kill(process.pid, 'SIGTERM');
}

if (isMainThread && !process.stdin.isTTY) {
  process.stdin.on('end', parentGone);
  process.stdin.on('close', parentGone);
  process.stdin.on('error', parentGone);
  process.stdin.on('data', () => {}); // the devnet never writes; reading only waits for EOF
  process.stdin.unref?.(); // waiting for EOF must not keep an otherwise finished node alive
}
