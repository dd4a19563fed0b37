import { z } from 'zod';
import { milliseconds } from '@jetjobs/config';

/** A cap written out as digits, at least 1: an empty or misspelt value stops the gateway. */
const cap = (fallback: number, what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d+$/, `a whole number of ${what}`)
    .default(String(fallback))
    .transform(Number)
    .pipe(z.number().min(1, 'at least 1').max(1_000_000, 'at most 1000000'));

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
  /** Cancels and retries per second and project that flow back into its bucket, per replica; 0 turns the limit off. */
  JETJOBS_COMMAND_RATE_PER_SECOND: z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, 'cancels and retries per second, a number such as 5 or 0.5 (0 turns the limit off)')
    .default('5')
    .transform(Number),
  /** Cancels and retries a project may make at once before the rate applies. */
  JETJOBS_COMMAND_BURST: cap(50, 'cancels and retries a project may make at once'),
  /** Event streams (native, moderation progress, AVF status) one project may hold open at once, per replica. */
  JETJOBS_SSE_MAX_PER_PROJECT: cap(100, 'event streams per project'),
  /** Event streams this replica holds open at once, all projects together. */
  JETJOBS_SSE_MAX_TOTAL: cap(5_000, 'event streams'),
  /** How long an event stream stays open; then it ends with a `retry:` hint and the client reconnects. */
  JETJOBS_SSE_MAX_LIFETIME_MS: milliseconds(30 * 60_000),
  /** `/videos` downloads one project may have running at once, per replica. */
  JETJOBS_DOWNLOADS_MAX_PER_PROJECT: cap(16, 'downloads per project'),
  /** `/videos` downloads this replica runs at once, all projects together. */
  JETJOBS_DOWNLOADS_MAX_TOTAL: cap(256, 'downloads'),
};
