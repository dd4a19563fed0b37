import { Global, Module } from '@nestjs/common';
import { submitRateLimitProvider } from './submit-rate-limit.provider';

/**
 * Global so that every API's module can put `SubmitRateLimitGuard` on its submit route: each
 * builds its own guard from this export, and all of them share the one set of buckets.
 */
@Global()
@Module({
  providers: [submitRateLimitProvider],
  exports: [submitRateLimitProvider],
})
export class RateLimitsModule {}
