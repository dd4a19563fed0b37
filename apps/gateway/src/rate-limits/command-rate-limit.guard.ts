import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { COMMAND_RATE_LIMIT } from './submit-rate-limit.provider';
import { takeProjectToken } from './submit-rate-limit.guard';
import type { TokenBuckets } from './token-buckets';

/**
 * Limits how fast a project cancels and retries jobs, on this gateway replica: each is a registry
 * round trip and an append to the event stream, as costly as a submit. Its own buckets, so that a
 * burst of cancels does not use up the project's submissions. After the auth guard.
 */
@Injectable()
export class CommandRateLimitGuard implements CanActivate {
  constructor(@Inject(COMMAND_RATE_LIMIT) private readonly buckets: TokenBuckets | null) {}

  canActivate(context: ExecutionContext): boolean {
    return takeProjectToken(this.buckets, context, 'cancels and retries', 'cancel or retry', 'jobs');
  }
}
