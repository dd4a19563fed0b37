import { Inject, Injectable } from '@nestjs/common';
import { CodedError } from '@jetjobs/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { TokenBuckets } from '../rate-limits/token-buckets';

/** Addresses held in the blocked list at most; beyond it the oldest entry goes. */
const MAX_BLOCKED = 100_000;

/**
 * Failed authentications per client address, on this replica: each credential that does not
 * verify takes a token from the address's bucket (`JETJOBS_AUTH_FAILURE_BURST`, refilled at
 * `JETJOBS_AUTH_FAILURE_RATE_PER_SECOND`). An address that runs dry is refused with 429 before
 * any verification, until a token is back: guessing keys then costs the registry nothing.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly buckets: TokenBuckets | null;
  private readonly blockedUntil = new Map<string, number>();
  private readonly now = () => performance.now();

  constructor(@Inject(GATEWAY_CONFIG) config: GatewayConfig) {
    const { JETJOBS_AUTH_FAILURE_BURST: burst, JETJOBS_AUTH_FAILURE_RATE_PER_SECOND: ratePerSecond } = config;
    this.buckets = burst === 0 ? null : new TokenBuckets({ burst, ratePerSecond }, this.now);
  }

  /** Seconds until the address may try again, or null when it may try now. */
  retryAfterSeconds(address: string): number | null {
    const until = this.blockedUntil.get(address);
    if (until === undefined) return null;
    const left = until - this.now();
    if (left > 0) return Math.ceil(left / 1000);
    this.blockedUntil.delete(address);
    return null;
  }

  /** Counts a credential that did not verify; the failure that empties the bucket blocks the address. */
  recordFailure(address: string): void {
    if (this.buckets === null) return;
    const decision = this.buckets.take(address);
    if (decision.allowed && decision.remaining > 0) return;
    // Emptied now: the next token is one refill step away (a little less when a fraction is left).
    const seconds = decision.allowed ? Math.ceil(1 / this.buckets.limit.ratePerSecond) : decision.retryAfterSeconds;
    if (this.blockedUntil.size >= MAX_BLOCKED) {
      const oldest = this.blockedUntil.keys().next();
      if (!oldest.done) this.blockedUntil.delete(oldest.value);
    }
    this.blockedUntil.set(address, this.now() + seconds * 1000);
  }
}

export function tooManyFailures(retryAfterSeconds: number): CodedError {
  const wait = `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`;
  return new CodedError('rate_limited', `Too many failed authentications from this address: retry after ${wait} with a valid credential`);
}
