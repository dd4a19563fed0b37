import { z } from 'zod';
import { JOB_EVENT_TYPES, kindSchema, type JobEventType } from '@jetjobs/contracts';
import type { EventQuery } from '@jetjobs/event-store';

export const ADMIN_EVENTS_LIMIT_MAX = 1_000;
const DEFAULT_LIMIT = 100;

const sequence = z.string().regex(/^\d{1,15}$/, 'must be a stream sequence (a whole number)').transform(Number);
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date-time' }).transform((s) => new Date(s));
const eventTypes = z
  .string()
  .transform((s) => s.split(',').map((part) => part.trim()).filter(Boolean))
  .pipe(z.array(z.enum(JOB_EVENT_TYPES as [JobEventType, ...JobEventType[]])).min(1, 'must name at least one event type'));

/**
 * `GET /v1/admin/events`. Unknown parameters are refused, so that a misspelt filter does not
 * silently return every event.
 */
export const adminEventsQuerySchema = z
  .strictObject({
    from_seq: sequence.optional(),
    to_seq: sequence.optional(),
    since: isoTime.optional(),
    until: isoTime.optional(),
    job: z.string().min(1).optional(),
    kind: kindSchema.optional(),
    project: z.string().min(1).max(200).optional(),
    type: eventTypes.optional(),
    limit: z.string().regex(/^\d{1,4}$/, `must be a whole number from 1 to ${ADMIN_EVENTS_LIMIT_MAX}`).transform(Number)
      .pipe(z.number().int().min(1).max(ADMIN_EVENTS_LIMIT_MAX)).optional(),
    follow: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
  })
  .refine((q) => q.from_seq === undefined || q.since === undefined, { path: ['since'], message: 'cannot be combined with from_seq' });

export type AdminEventsQuery = z.infer<typeof adminEventsQuerySchema>;

/** The event-store query a request stands for; a stream resumes after `Last-Event-ID` (a sequence). */
export function toEventQuery(q: AdminEventsQuery, resumeAfter: number | null): EventQuery & { limit: number } {
  return {
    fromSeq: resumeAfter !== null ? resumeAfter + 1 : q.from_seq,
    since: resumeAfter !== null ? undefined : q.since,
    toSeq: q.to_seq,
    until: q.until,
    jobId: q.job?.toLowerCase(),
    kind: q.kind,
    projectId: q.project,
    types: q.type,
    follow: q.follow ?? false,
    limit: q.limit ?? DEFAULT_LIMIT,
  };
}

/** `POST /v1/admin/jobs/:id/redrive`: why, which the event records with who. */
export const redriveBodySchema = z.strictObject({
  reason: z.string().trim().min(1, 'is required: say why the job is run again').max(500),
});
