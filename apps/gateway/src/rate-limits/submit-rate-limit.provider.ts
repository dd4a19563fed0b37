import type { Provider } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { TokenBuckets } from './token-buckets';

/**
 * Milliseconds from any fixed origin, never going backwards: a wall clock set back would stop the
 * refill, set forward would refill at once. `performance.now` in production; tests pass their own.
 */
export const MONOTONIC_CLOCK = Symbol('MONOTONIC_CLOCK');
export type MonotonicClock = () => number;

/** The submit routes' buckets, one per project, shared by every module of this gateway; null when the limit is off. */
export const SUBMIT_RATE_LIMIT = Symbol('SUBMIT_RATE_LIMIT');

export const submitRateLimitProvider: Provider = {
  provide: SUBMIT_RATE_LIMIT,
  inject: [GATEWAY_CONFIG, MONOTONIC_CLOCK],
  useFactory: (config: GatewayConfig, clock: MonotonicClock): TokenBuckets | null =>
    config.JETJOBS_SUBMIT_RATE_PER_SECOND === 0
      ? null
      : new TokenBuckets({ ratePerSecond: config.JETJOBS_SUBMIT_RATE_PER_SECOND, burst: config.JETJOBS_SUBMIT_BURST }, clock),
};

/** The cancel and retry routes' buckets, one per project, apart from the submit ones; null when the limit is off. */
export const COMMAND_RATE_LIMIT = Symbol('COMMAND_RATE_LIMIT');

export const commandRateLimitProvider: Provider = {
  provide: COMMAND_RATE_LIMIT,
  inject: [GATEWAY_CONFIG, MONOTONIC_CLOCK],
  useFactory: (config: GatewayConfig, clock: MonotonicClock): TokenBuckets | null =>
    config.JETJOBS_COMMAND_RATE_PER_SECOND === 0
      ? null
      : new TokenBuckets({ ratePerSecond: config.JETJOBS_COMMAND_RATE_PER_SECOND, burst: config.JETJOBS_COMMAND_BURST }, clock),
};
