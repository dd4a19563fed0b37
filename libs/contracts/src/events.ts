import { z } from 'zod';

/**
 * Every job event: a readonly `{type, data, metadata}` object discriminated on `type`.
 * Events are past tense and immutable; a change of shape gets a new `schemaVersion`.
 */
export const SCHEMA_VERSION = 1;

export const eventMetadataSchema = z.object({
  eventId: z.uuid(),
  jobId: z.uuid(),
  kind: z.string().min(1),
  projectId: z.string().min(1),
  version: z.number().int().positive(),
  occurredAt: z.iso.datetime(),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  schemaVersion: z.literal(SCHEMA_VERSION),
  /**
   * The W3C `traceparent` of the span that wrote the event, so a job's events join one trace.
   * Optional: events stored before traces were recorded have none, and still read.
   */
  traceparent: z.string().regex(/^00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/).optional(),
});
export type EventMetadata = z.infer<typeof eventMetadataSchema>;

export const jobErrorSchema = z.object({
  code: z.string().min(1),
  message: z.string(),
});
export type JobError = z.infer<typeof jobErrorSchema>;

const attempt = z.number().int().positive();

export const jobEventDataSchemas = {
  JobSubmitted: z.object({
    input: z.unknown(),
    webhookUrl: z.string().nullable(),
  }),
  JobStarted: z.object({ attempt, workerId: z.string() }),
  JobProgressed: z.object({
    attempt,
    progress: z.number().min(0).max(100),
    detail: z.string().nullable(),
    framesCompleted: z.number().int().nonnegative().nullable(),
    frameCount: z.number().int().nonnegative().nullable(),
  }),
  JobLogged: z.object({
    attempt,
    level: z.enum(['info', 'warn', 'error']),
    line: z.string(),
  }),
  JobOutputAdded: z.object({ attempt, output: z.unknown() }),
  JobCompleted: z.object({ attempt, result: z.unknown() }),
  JobAttemptFailed: z.object({ attempt, error: jobErrorSchema }),
  JobRetryScheduled: z.object({
    attempt,
    dueAt: z.iso.datetime(),
    reason: z.enum(['automatic', 'manual']),
    requestedBy: z.string().nullable(),
    /** Why an operator asked for it (manual retries, redrives); absent on older events. */
    comment: z.string().nullable().optional(),
  }),
  JobFailed: z.object({ attempt: z.number().int().nonnegative(), error: jobErrorSchema }),
  JobCancelRequested: z.object({ reason: z.string().nullable() }),
  JobCancelled: z.object({ reason: z.string().nullable() }),
} as const;

export type JobEventType = keyof typeof jobEventDataSchemas;
export const JOB_EVENT_TYPES = Object.keys(jobEventDataSchemas) as JobEventType[];

type DataOf<T extends JobEventType> = z.infer<(typeof jobEventDataSchemas)[T]>;

/** An event before it is stored: what a decision produces. */
export type JobEventBody = {
  [T in JobEventType]: { readonly type: T; readonly data: DataOf<T> };
}[JobEventType];

/** A stored event, as it travels on the wire. */
export type JobEvent = JobEventBody & { readonly metadata: EventMetadata };

export type JobEventOf<T extends JobEventType> = Extract<JobEvent, { type: T }>;

const eventSchemas = JOB_EVENT_TYPES.map((type) =>
  z.object({
    type: z.literal(type),
    data: jobEventDataSchemas[type],
    metadata: eventMetadataSchema,
  }),
);

export const jobEventSchema = z.discriminatedUnion(
  'type',
  eventSchemas as unknown as [(typeof eventSchemas)[number], ...(typeof eventSchemas)[number][]],
);

/** Validates an event read from the wire; throws a ZodError naming the bad field. */
export function parseJobEvent(value: unknown): JobEvent {
  return jobEventSchema.parse(value) as JobEvent;
}
