import { z } from 'zod';

export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).max(100),
  baseDelayMs: z.number().int().nonnegative(),
  maxDelayMs: z.number().int().positive(),
});
export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const retryPoliciesSchema = z.record(z.string(), retryPolicySchema.partial());
export type RetryPolicies = z.infer<typeof retryPoliciesSchema>;

/** The policy for one kind: the per-kind override on top of the default. */
export function policyFor(kind: string, defaults: RetryPolicy, overrides: RetryPolicies): RetryPolicy {
  return { ...defaults, ...overrides[kind] };
}

/**
 * Exponential backoff with full jitter: a delay drawn uniformly from [0, min(cap, base·2^(n-1))],
 * so that jobs failing together do not all come back together. `random` is injected for tests.
 */
export function backoffDelayMs(failedAttempt: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failedAttempt - 1));
  return Math.round(ceiling * random());
}

/** What to do after an attempt failed: retry at a time, or give up. */
export type RetryDecision = { readonly retry: true; readonly dueAt: Date } | { readonly retry: false };

export function decideRetry(failedAttempt: number, policy: RetryPolicy, now: Date, random?: () => number): RetryDecision {
  if (failedAttempt >= policy.maxAttempts) return { retry: false };
  return { retry: true, dueAt: new Date(now.getTime() + backoffDelayMs(failedAttempt, policy, random)) };
}
