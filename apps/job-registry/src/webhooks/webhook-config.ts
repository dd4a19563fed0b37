import { z } from 'zod';
import { count, webhookUrlEnv } from '@jetjobs/config';

/**
 * The registry's webhook settings, validated with the rest of its environment. Defaults give
 * eight attempts over about an hour: 30 s, 1, 2, 4, 8, 16 and 32 min apart, each with jitter.
 */
export const webhookEnv = {
  JETJOBS_WEBHOOK_MAX_ATTEMPTS: count(1, 50, 8),
  JETJOBS_WEBHOOK_BACKOFF_BASE_MS: z.coerce.number().int().positive().default(30_000),
  JETJOBS_WEBHOOK_BACKOFF_MAX_MS: z.coerce.number().int().positive().default(3_600_000),
  /** How long one attempt may take, connection and response together. */
  JETJOBS_WEBHOOK_TIMEOUT_MS: count(100, 120_000, 10_000),
  /**
   * Longest silence from connecting until the response headers: a receiver that accepts and
   * never answers frees its slot after this, not after the whole timeout.
   */
  JETJOBS_WEBHOOK_FIRST_BYTE_TIMEOUT_MS: count(100, 120_000, 5_000),
  /** Requests in flight at once per registry replica. */
  JETJOBS_WEBHOOK_CONCURRENCY: count(1, 256, 16),
  /** Of those, how many one project may hold: one tenant's slow receivers never take them all. */
  JETJOBS_WEBHOOK_PROJECT_CONCURRENCY: count(1, 256, 4),
  /** Hosts and networks a webhook may reach although internal: never the media sources' list. */
  ...webhookUrlEnv,
};

type WebhookEnv = z.output<z.ZodObject<typeof webhookEnv>>;

export interface WebhookSettings {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly timeoutMs: number;
  readonly firstByteTimeoutMs: number;
  readonly concurrency: number;
  readonly projectConcurrency: number;
  readonly allowlist: readonly string[];
}

export function webhookSettings(env: WebhookEnv): WebhookSettings {
  return {
    maxAttempts: env.JETJOBS_WEBHOOK_MAX_ATTEMPTS,
    baseDelayMs: env.JETJOBS_WEBHOOK_BACKOFF_BASE_MS,
    maxDelayMs: env.JETJOBS_WEBHOOK_BACKOFF_MAX_MS,
    timeoutMs: env.JETJOBS_WEBHOOK_TIMEOUT_MS,
    firstByteTimeoutMs: Math.min(env.JETJOBS_WEBHOOK_FIRST_BYTE_TIMEOUT_MS, env.JETJOBS_WEBHOOK_TIMEOUT_MS),
    concurrency: env.JETJOBS_WEBHOOK_CONCURRENCY,
    projectConcurrency: Math.min(env.JETJOBS_WEBHOOK_PROJECT_CONCURRENCY, env.JETJOBS_WEBHOOK_CONCURRENCY),
    allowlist: env.JETJOBS_WEBHOOK_URL_ALLOWLIST,
  };
}
