/** Delay before retry n (0-based): min(max, base · 2^n) (LSU `network.cpp` retry delay). */
export function retryDelayMs(n: number, baseMs: number, maxMs: number): number {
  return Math.min(maxMs, baseMs * 2 ** Math.min(Math.max(0, n), 30));
}
