/** A token bucket's settings: `ratePerSecond` tokens flow in, at most `burst` are kept. */
export interface RateLimit {
  readonly ratePerSecond: number;
  readonly burst: number;
}

/** What one attempt to take a token decided. */
export type RateDecision =
  | { readonly allowed: true; readonly remaining: number }
  | { readonly allowed: false; readonly remaining: 0; readonly retryAfterSeconds: number };

/** Tokens are fractions in floating point: a hair under one counts, so waiting exactly Retry-After always suffices. */
const ONE_TOKEN = 1 - 1e-9;

interface Bucket {
  readonly tokens: number;
  readonly at: number;
}

/**
 * One token bucket per key (a project), in memory. A bucket starts full; each request takes a
 * token; tokens flow back at the rate, up to the burst. A refusal says in whole seconds, rounded
 * up, when the next token will be there.
 *
 * Memory stays bounded by the keys active recently: a bucket left alone long enough to refill
 * completely is the same as a new one, so it is dropped. The sweep that does this runs at most
 * once per refill period, from `take`, so no timer is needed and the cost is amortised.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>();
  /** Milliseconds an empty bucket needs to fill up. */
  private readonly refillMs: number;
  private lastSweep: number;

  /** @param now milliseconds from any fixed origin, never going backwards (`performance.now`). */
  constructor(
    readonly limit: RateLimit,
    private readonly now: () => number,
  ) {
    if (!(limit.ratePerSecond > 0) || !Number.isFinite(limit.ratePerSecond)) throw new RangeError(`ratePerSecond must be a positive number (got ${limit.ratePerSecond})`);
    if (!Number.isInteger(limit.burst) || limit.burst < 1) throw new RangeError(`burst must be a whole number of at least 1 (got ${limit.burst})`);
    this.refillMs = (limit.burst / limit.ratePerSecond) * 1000;
    this.lastSweep = now();
  }

  /** Takes a token from `key`'s bucket if it has one. */
  take(key: string): RateDecision {
    const now = this.now();
    this.sweep(now);
    const tokens = this.tokensAt(this.buckets.get(key), now);
    if (tokens >= ONE_TOKEN) {
      this.buckets.set(key, { tokens: Math.max(0, tokens - 1), at: now });
      return { allowed: true, remaining: Math.floor(Math.max(0, tokens - 1)) };
    }
    this.buckets.set(key, { tokens, at: now });
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.limit.ratePerSecond)) };
  }

  /** Buckets held in memory: keys seen within about one refill period. */
  get size(): number {
    return this.buckets.size;
  }

  private tokensAt(bucket: Bucket | undefined, now: number): number {
    if (bucket === undefined) return this.limit.burst;
    const elapsedMs = Math.max(0, now - bucket.at);
    return Math.min(this.limit.burst, bucket.tokens + (elapsedMs * this.limit.ratePerSecond) / 1000);
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < this.refillMs) return;
    this.lastSweep = now;
    for (const [key, bucket] of this.buckets) {
      if (this.tokensAt(bucket, now) >= this.limit.burst) this.buckets.delete(key);
    }
  }
}
