import { z } from 'zod';
import { KIND_PATTERN } from './names';
import type { JobView } from './job-view';

/**
 * Operator requests to job-registry (the `jetjobs` CLI and the gateway's admin routes). They act
 * across projects, so they carry no project of their own: the caller checks the `admin` scope.
 */
export const FAILURES_LIMIT_MAX = 500;

const isoTime = z.iso.datetime({ offset: true });

/** Jobs that ended `failed`, newest failure first; every filter is optional. */
export const failuresPayloadSchema = z.object({
  kind: z.string().regex(KIND_PATTERN, 'lowercase letters, digits and "-", starting with a letter').nullable(),
  projectId: z.string().min(1).max(200).nullable(),
  /** The error code the job failed with, e.g. `worker_lost`. */
  reason: z.string().min(1).max(200).nullable(),
  /** Failed at or after this time. */
  since: isoTime.nullable(),
  /** Failed before this time. */
  until: isoTime.nullable(),
  limit: z.number().int().min(1).max(FAILURES_LIMIT_MAX),
  /** Opaque position returned by the previous page. */
  cursor: z.string().max(512).nullable(),
});
export type FailuresPayload = z.infer<typeof failuresPayloadSchema>;

export interface FailurePage {
  readonly items: readonly JobView[];
  readonly nextCursor: string | null;
}

/** Runs a failed (or cancelled) job again as its next attempt, recording who asked and why. */
export const redrivePayloadSchema = z.object({
  jobId: z.string().min(1),
  requestedBy: z.string().min(1).max(200),
  reason: z.string().trim().min(1, 'is required').max(500),
  correlationId: z.string().min(1),
});
export type RedrivePayload = z.infer<typeof redrivePayloadSchema>;
