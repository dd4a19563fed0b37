import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { Response } from 'express';
import { CodedError } from '@jetjobs/contracts';
import type { AuthenticatedRequest } from '../auth/authenticated-request';
import { closeAfterResponse } from '../uploads/close-after-response';
import { SUBMIT_RATE_LIMIT } from './submit-rate-limit.provider';
import type { RateLimit, TokenBuckets } from './token-buckets';

/**
 * Limits how fast a project submits jobs, on this gateway replica: a token bucket per project,
 * held in memory so the hot submit path makes no extra network round trip. Put it on submit
 * routes only, after their auth guard (the project comes from the credential). A refusal is 429
 * with `Retry-After`, worded by the route's API like every other error, and comes before the
 * handler reads the body: a refused upload is not streamed in first.
 */
@Injectable()
export class SubmitRateLimitGuard implements CanActivate {
  constructor(@Inject(SUBMIT_RATE_LIMIT) private readonly buckets: TokenBuckets | null) {}

  canActivate(context: ExecutionContext): boolean {
    return takeProjectToken(this.buckets, context, 'submissions', 'submit', 'jobs');
  }
}

/**
 * Takes a token from the caller's project bucket, or refuses with 429 and `Retry-After`;
 * `null` buckets mean the limit is off. Shared by the submit and the job-command limits.
 */
export function takeProjectToken(buckets: TokenBuckets | null, context: ExecutionContext, what: string, verb: string, unit: string): boolean {
  if (buckets === null) return true;
  const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
  const response = context.switchToHttp().getResponse<Response>();
  const projectId = request.principal?.projectId;
  if (projectId === undefined) throw new Error('A rate-limit guard runs after an auth guard, which sets the principal');

  const decision = buckets.take(projectId);
  response.setHeader('RateLimit-Limit', String(buckets.limit.burst));
  response.setHeader('RateLimit-Remaining', String(decision.remaining));
  if (decision.allowed) return true;

  response.setHeader('Retry-After', String(decision.retryAfterSeconds));
  // An upload not read yet stays unread: the client is stopped instead of sending it all.
  if (!request.complete) closeAfterResponse(request);
  throw new CodedError('rate_limited', rateLimitedMessage(buckets.limit, decision.retryAfterSeconds, what, verb, unit));
}

export function rateLimitedMessage(limit: RateLimit, retryAfterSeconds: number, what = 'submissions', verb = 'submit', unit = 'jobs'): string {
  const wait = `${retryAfterSeconds} second${retryAfterSeconds === 1 ? '' : 's'}`;
  return `Too many ${what}: this project may ${verb} ${limit.ratePerSecond} ${unit} per second, in bursts of up to ${limit.burst}. Retry after ${wait}.`;
}
