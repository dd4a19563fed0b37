import { z } from 'zod';
import { FAILURES_LIMIT_MAX, kindSchema, type FailuresPayload } from '@jetjobs/contracts';

const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' });

/**
 * `GET /v1/admin/failures`: jobs that ended failed, newest failure first, the registry's own
 * order and cursor. Unknown parameters are refused, so that a misspelt filter does not list
 * every failure.
 */
export const adminFailuresQuerySchema = z.strictObject({
  kind: kindSchema.optional(),
  project: z.string().min(1).max(200).optional(),
  error_code: z.string().min(1).max(200).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  limit: z.string().regex(/^\d{1,3}$/, `must be a whole number from 1 to ${FAILURES_LIMIT_MAX}`).transform(Number)
    .pipe(z.number().int().min(1).max(FAILURES_LIMIT_MAX)).optional(),
  cursor: z.string().max(512).optional(),
});

const DEFAULT_LIMIT = 50;

export function toFailuresPayload(raw: unknown): FailuresPayload {
  const q = adminFailuresQuerySchema.parse(raw);
  return {
    kind: q.kind ?? null,
    projectId: q.project ?? null,
    reason: q.error_code ?? null,
    since: q.since ?? null,
    until: q.until ?? null,
    limit: q.limit ?? DEFAULT_LIMIT,
    cursor: q.cursor ?? null,
  };
}
