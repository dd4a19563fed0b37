import { z } from 'zod';

/**
 * The submit rate limit, validated with the rest of the gateway's configuration
 * (`gateway-config.ts` spreads it in). Written out as digits only: an empty or misspelt value
 * must stop the gateway, not turn into 0 and switch the limit off.
 */
export const rateLimitEnv = {
  /** Submissions per second and project that flow back into its bucket, per gateway replica; 0 turns the limit off. */
  JETJOBS_SUBMIT_RATE_PER_SECOND: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'submissions per second, a number such as 50 or 0.5 (0 turns the limit off)')
    .default('50')
    .transform(Number),
  /** Submissions a project may make at once before the rate applies. */
  JETJOBS_SUBMIT_BURST: z
    .string()
    .trim()
    .regex(/^\d+$/, 'a whole number of submissions a project may make at once')
    .default('200')
    .transform(Number)
    .pipe(z.number().min(1, 'at least 1 (to turn the limit off, set JETJOBS_SUBMIT_RATE_PER_SECOND=0)').max(1_000_000_000, 'at most 1000000000')),
};
