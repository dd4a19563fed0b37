import { Global, Module, type DynamicModule } from '@nestjs/common';
import { streamSlotProviders } from './stream-slots.provider';
import { commandRateLimitProvider, MONOTONIC_CLOCK, submitRateLimitProvider, type MonotonicClock } from './submit-rate-limit.provider';

/**
 * Global so that every API's module can put `SubmitRateLimitGuard` on its submit route (and
 * `SseSlotGuard`, `DownloadSlotGuard` on its long-lived ones): each builds its own guard from
 * these exports, and all of them share the one set of buckets and slots.
 */
@Global()
@Module({})
export class RateLimitsModule {
  static forRoot(clock: MonotonicClock): DynamicModule {
    return {
      module: RateLimitsModule,
      providers: [{ provide: MONOTONIC_CLOCK, useValue: clock }, submitRateLimitProvider, commandRateLimitProvider, ...streamSlotProviders],
      exports: [submitRateLimitProvider, commandRateLimitProvider, ...streamSlotProviders],
    };
  }
}
