import { z } from 'zod';
import { KIND_PATTERN } from './names';
import { JOB_STATUSES } from './job-status';
import type { JobEvent } from './events';
import type { JobPage, JobView } from './job-view';
import type { WebhookAttempt } from './webhooks';
import type { ApiKeyPrincipal, ApiKeyView } from './api-keys';
import type { FailurePage } from './operations';
import type { ConsoleJobPage, FailureGroup, ProjectionStatusReply } from './console';

/**
 * Command and query payloads sent to job-registry over NATS request/reply. Every reply is a
 * `Reply<T>`: a value or a coded error, never a thrown exception across the wire.
 */
export const actorSchema = z.object({
  projectId: z.string().min(1),
  subject: z.string().min(1),
});
export type Actor = z.infer<typeof actorSchema>;

export const kindSchema = z.string().regex(KIND_PATTERN, 'lowercase letters, digits and "-", starting with a letter');

export const submitJobPayloadSchema = z.object({
  actor: actorSchema,
  kind: kindSchema,
  input: z.unknown(),
  webhookUrl: z.url({ protocol: /^https?$/ }).nullable(),
  idempotencyKey: z.string().min(1).max(255).nullable(),
  correlationId: z.string().min(1),
  /**
   * The id for a new job, drawn by the caller so that it can follow the job from its first event
   * on; the registry draws one when it is absent. An idempotency key bound earlier wins over it.
   */
  jobId: z.uuid().optional(),
});
export type SubmitJobPayload = z.infer<typeof submitJobPayloadSchema>;

export const jobCommandPayloadSchema = z.object({
  actor: actorSchema,
  jobId: z.string().min(1),
  reason: z.string().max(500).nullable(),
  correlationId: z.string().min(1),
});
export type JobCommandPayload = z.infer<typeof jobCommandPayloadSchema>;

export const getJobPayloadSchema = z.object({ actor: actorSchema, jobId: z.string().min(1) });
export type GetJobPayload = z.infer<typeof getJobPayloadSchema>;

export const LIST_LIMIT_MAX = 100;

export const MODERATION_DECISIONS = ['pass', 'reject'] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const listJobsPayloadSchema = z.object({
  actor: actorSchema,
  kind: kindSchema.nullable(),
  statuses: z.array(z.enum(JOB_STATUSES)).nullable(),
  createdFrom: z.iso.datetime().nullable(),
  createdTo: z.iso.datetime().nullable(),
  limit: z.number().int().min(1).max(LIST_LIMIT_MAX),
  /** Opaque position returned by the previous page (keyset pagination, newest first). */
  cursor: z.string().nullable(),
  offset: z.number().int().nonnegative().nullable(),
  /**
   * Moderation outcome read from the result's `is_prohibited`: `pass` (false) or `reject` (true);
   * jobs without a decision match neither. Optional so that older callers keep working.
   */
  decision: z.enum(MODERATION_DECISIONS).nullish(),
});
export type ListJobsPayload = z.infer<typeof listJobsPayloadSchema>;

export const eventsAfterPayloadSchema = z.object({
  actor: actorSchema,
  jobId: z.string().min(1),
  afterVersion: z.number().int().nonnegative(),
});
export type EventsAfterPayload = z.infer<typeof eventsAfterPayloadSchema>;

export type Reply<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

/** What job-registry answers on each subject (`names.command(...)` / `names.query(...)`). */
export interface RegistryReplies {
  readonly submit: { readonly job: JobView; readonly created: boolean };
  readonly cancel: JobView;
  readonly retry: JobView;
  readonly job: JobView;
  readonly jobs: JobPage;
  readonly events: { readonly job: JobView; readonly events: readonly JobEvent[] };
  readonly health: { readonly status: 'ok' };
  readonly 'webhook-deliveries': { readonly items: readonly WebhookAttempt[] };
  readonly 'webhook-secret': { readonly projectId: string; readonly secret: string };
  readonly 'api-key-create': ApiKeyView;
  readonly 'api-key-revoke': ApiKeyView;
  readonly 'api-keys': { readonly items: readonly ApiKeyView[] };
  readonly 'api-key-verify': ApiKeyPrincipal;
  readonly failures: FailurePage;
  readonly redrive: JobView;
  readonly 'console-jobs': ConsoleJobPage;
  readonly 'failure-groups': { readonly groups: readonly FailureGroup[] };
  readonly 'projection-status': ProjectionStatusReply;
}
