import { Global, Module, type DynamicModule } from '@nestjs/common';
import { MONOTONIC_CLOCK, submitRateLimitProvider, type MonotonicClock } from './submit-rate-limit.provider';

/**
 * Global so that every API's module can put `SubmitRateLimitGuard` on its submit route: each
 * builds its own guard from this export, and all of them share the one set of buckets.
 */
@Global()
@Module({})
export class RateLimitsModule {
  static forRoot(clock: MonotonicClock): DynamicModule {
    return {
      module: RateLimitsModule,
      providers: [{ provide: MONOTONIC_CLOCK, useValue: clock }, submitRateLimitProvider],
      exports: [submitRateLimitProvider],
    };
  }
}
