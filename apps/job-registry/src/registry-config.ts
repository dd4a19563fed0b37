import { z } from 'zod';
import { count, loadConfig, natsEnv } from '@jetjobs/config';
import { httpPortEnv } from '@jetjobs/metrics';
import { retryPoliciesSchema } from './dispatch/retry-policy';
import { webhookEnv } from './webhooks/webhook-config';
import { storageLimitsEnv } from './storage-limits-env';

const registryEnv = {
  ...natsEnv,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL').default('postgres://postgres@127.0.0.1:5432/jetjobs'),
  /** Default retry policy for every kind: attempts in all, first backoff, backoff cap. */
  JETJOBS_RETRY_MAX_ATTEMPTS: count(1, 100, 3),
  JETJOBS_RETRY_BASE_DELAY_MS: z.coerce.number().int().nonnegative().default(2_000),
  JETJOBS_RETRY_MAX_DELAY_MS: z.coerce.number().int().positive().default(300_000),
  /** Per-kind overrides as JSON, e.g. {"clipper":{"maxAttempts":2}}. */
  JETJOBS_RETRY_POLICIES: z
    .string()
    .default('{}')
    .transform((text, ctx) => {
      try {
        return retryPoliciesSchema.parse(JSON.parse(text));
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `not a valid policy map: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  JETJOBS_PROJECTOR_BATCH: count(1, 5_000, 500),
  /** Redelivery delay for a projector batch whose transaction never acked (a crashed replica). */
  JETJOBS_PROJECTOR_ACK_WAIT_MS: z.coerce.number().int().min(1_000).default(60_000),
  /**
   * A submitted job of a kind no worker runs (no `work-<kind>` consumer): `refuse` answers
   * `kind_not_served`; `queue` accepts it to wait for a worker, e.g. for a worker deployed later.
   */
  JETJOBS_UNSERVED_KINDS: z.enum(['refuse', 'queue']).default('refuse'),
  /** Times a client may retry one job by hand (`POST /v1/jobs/:id/retry`); one more is refused with 409. */
  JETJOBS_MAX_MANUAL_RETRIES: count(0, 1_000, 10),
  ...storageLimitsEnv,
  ...webhookEnv,
  ...httpPortEnv,
};

export type RegistryConfig = ReturnType<typeof loadRegistryConfig>;

/** Reads and validates the registry's environment; throws a ConfigError listing every problem. */
export function loadRegistryConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(registryEnv, env);
}

export const REGISTRY_CONFIG = Symbol('REGISTRY_CONFIG');
