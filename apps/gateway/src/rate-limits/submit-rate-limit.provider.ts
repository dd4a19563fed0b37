import { performance } from 'node:perf_hooks';
import type { Provider } from '@nestjs/common';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { TokenBuckets } from './token-buckets';

/** The submit routes' buckets, one per project, shared by every module of this gateway; null when the limit is off. */
export const SUBMIT_RATE_LIMIT = Symbol('SUBMIT_RATE_LIMIT');

export const submitRateLimitProvider: Provider = {
  provide: SUBMIT_RATE_LIMIT,
  inject: [GATEWAY_CONFIG],
  useFactory: (config: GatewayConfig): TokenBuckets | null =>
    config.JETJOBS_SUBMIT_RATE_PER_SECOND === 0
      ? null
      : // A monotonic clock: a wall clock set back would stop the refill, set forward would refill at once.
        new TokenBuckets({ ratePerSecond: config.JETJOBS_SUBMIT_RATE_PER_SECOND, burst: config.JETJOBS_SUBMIT_BURST }, () => performance.now()),
};
