/**
 * Time as a component: the SDK never reads the wall clock or sets timers directly, so tests can
 * drive time by hand. `sleep` honours an AbortSignal; `setTimer` returns a cancel function.
 */
import { HushError } from '@hush/core';

export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  setTimer(ms: number, fn: () => void): () => void;
  /**
   * A monotonic time in ms with sub-millisecond resolution, for measuring round trips (a loopback
   * hop takes well under a millisecond). Absent: durations are measured with `now()`.
   */
  monotonicMs?(): number;
}

/** A reading for measuring durations: `monotonicMs` when the clock has it, else `now`. */
export function elapsedClock(clock: Clock): () => number {
  return clock.monotonicMs === undefined ? () => clock.now() : () => clock.monotonicMs!();
}

export function abortedError(signal: AbortSignal | undefined, what: string): HushError {
  const reason: unknown = signal?.reason;
  if (reason instanceof HushError) return reason;
  return new HushError('HUSH_ERR_ABORTED', `${what}: aborted`, { details: { what }, cause: reason });
}

/** Throws HUSH_ERR_ABORTED (or the HushError the signal was aborted with). */
export function throwIfAborted(signal: AbortSignal | undefined, what: string): void {
  if (signal?.aborted) throw abortedError(signal, what);
}

/** Waits for `promise` but gives up (HUSH_ERR_ABORTED) as soon as `signal` aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (signal === undefined) return promise;
  if (signal.aborted) return Promise.reject(abortedError(signal, what));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortedError(signal, what));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortedError(signal, 'sleep'));
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortedError(signal, 'sleep'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export const systemClock: Clock = {
  now: () => Date.now(),
  monotonicMs: () => performance.now(),
  sleep,
  setTimer(ms, fn) {
    const timer = setTimeout(fn, Math.max(0, ms));
    timer.unref();
    return () => clearTimeout(timer);
  },
};
