import { z } from 'zod';
import type { StorageLimits } from '@jetjobs/event-store';

const DAY_MS = 24 * 60 * 60 * 1000;
const bytes = () => z.coerce.number().int().nonnegative().default(0);

/**
 * What the namespace may store, applied by the registry at every start (docs/architecture.md,
 * "Bounded storage"). Byte bounds default to off: nats-server 2.9 reserves a stream's max_bytes
 * against the server's whole store, so they are sized per deployment.
 */
export const storageLimitsEnv = {
  JETJOBS_MEDIA_MAX_BYTES: bytes(),
  /** Uploads and outputs (rendered clips, thumbnails) expire this long after they are stored. */
  JETJOBS_MEDIA_MAX_AGE_MS: z.coerce
    .number()
    .int()
    .refine((ms) => ms === 0 || ms >= 60_000, 'must be 0 (keep forever) or at least 60000 (one minute)')
    .default(30 * DAY_MS),
  JETJOBS_EVENTS_MAX_BYTES: bytes(),
  JETJOBS_WORK_MAX_MSGS: z.coerce.number().int().nonnegative().default(1_000_000),
  /** How long the upload of a failed or cancelled job is kept for a retry; a completed job's goes at once. */
  JETJOBS_UPLOAD_RETENTION_MS: z.coerce.number().int().nonnegative().default(DAY_MS),
};

type StorageLimitsConfig = { readonly [K in keyof typeof storageLimitsEnv]: z.infer<(typeof storageLimitsEnv)[K]> };

export function storageLimitsOf(config: StorageLimitsConfig): StorageLimits {
  return {
    mediaMaxBytes: config.JETJOBS_MEDIA_MAX_BYTES,
    mediaMaxAgeMs: config.JETJOBS_MEDIA_MAX_AGE_MS,
    eventsMaxBytes: config.JETJOBS_EVENTS_MAX_BYTES,
    workMaxMsgs: config.JETJOBS_WORK_MAX_MSGS,
  };
}
