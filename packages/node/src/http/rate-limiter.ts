/**
 * Per-client-IP token bucket (session-network.md §2.1; SS rpc/rate_limiter.*): `bucketSize`
 * tokens, refilled at `tokensPerSecond`; a new IP starts with a full bucket minus one. At most
 * `maxClients` IPs are tracked: when the table is full, buckets that have refilled (idle clients)
 * are dropped, and if it is still full the new IP is limited. `now` is a monotonic ms clock.
 */
export interface RateLimiterOptions {
  readonly bucketSize: number;
  readonly tokensPerSecond: number;
  readonly maxClients: number;
  readonly now?: () => number;
}

export interface RateLimiter {
  /** True when this request should be refused with 429. */
  shouldLimit(ip: string): boolean;
  /** Drops buckets that are full again. */
  clean(): void;
  size(): number;
}

interface Bucket {
  tokens: number;
  last: number;
}

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const now = options.now ?? (() => performance.now());
  const buckets = new Map<string, Bucket>();
  const perMs = options.tokensPerSecond / 1000;

  const refill = (b: Bucket, t: number): boolean => {
    b.tokens = Math.min(options.bucketSize, b.tokens + Math.max(0, t - b.last) * perMs);
    b.last = t;
    return b.tokens >= options.bucketSize;
  };

  const clean = (): void => {
    const t = now();
    for (const [ip, b] of buckets) if (refill(b, t)) buckets.delete(ip);
  };

  return {
    shouldLimit(ip) {
      const t = now();
      const b = buckets.get(ip);
      if (b !== undefined) {
        refill(b, t);
        if (b.tokens < 1) return true;
        b.tokens -= 1;
        return false;
      }
      if (buckets.size >= options.maxClients) {
        clean();
        if (buckets.size >= options.maxClients) return true;
      }
      buckets.set(ip, { tokens: options.bucketSize - 1, last: t });
      return false;
    },
    clean,
    size: () => buckets.size,
  };
}
