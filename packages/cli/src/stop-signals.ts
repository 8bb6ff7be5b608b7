/**
 * SIGINT/SIGTERM for foreground commands, on the real process. The first signal asks the command
 * to stop cleanly; a second one (an impatient Ctrl-C) exits at once with status 130 — children a
 * devnet started are still killed by its exit handler, and the node's database survives (WAL).
 */
import type { StopSignal } from './context.ts';

const SIGNALS: readonly StopSignal[] = ['SIGINT', 'SIGTERM'];

function forceExit(signal: string): void {
  process.stderr.write(`hush: ${signal} again: exiting without a clean stop\n`);
  process.exit(130);
}

/** `CliIo.onStopSignal` for the real process. */
export function processStopSignals(): (handler: (signal: StopSignal) => void) => () => void {
  return (handler) => {
    let seen = 0;
    const listener = (signal: NodeJS.Signals): void => {
      seen += 1;
      if (seen === 1) handler(signal === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      else forceExit(signal);
    };
    for (const s of SIGNALS) process.on(s, listener);
    return () => {
      for (const s of SIGNALS) process.off(s, listener);
    };
  };
}

export interface StopWaiter {
  /** Resolves with the first stop signal. */
  readonly signalled: Promise<StopSignal>;
  /** Whether a stop signal has arrived. */
  readonly stopRequested: () => boolean;
  /** Unsubscribes (a later signal has its default effect again). */
  readonly release: () => void;
}

/** Subscribes to stop signals through `onStopSignal`. */
export function waitForStop(onStopSignal: (handler: (signal: StopSignal) => void) => () => void): StopWaiter {
  let requested = false;
  let resolveSignal: (signal: StopSignal) => void = () => undefined;
  const signalled = new Promise<StopSignal>((resolve) => (resolveSignal = resolve));
  const release = onStopSignal((signal) => {
    requested = true;
    resolveSignal(signal);
  });
  return { signalled, stopRequested: () => requested, release };
}
