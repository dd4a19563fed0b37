import { z } from 'zod';
import { JOB_STATUSES } from './job-status';
import { KIND_PATTERN } from './names';
import type { JobView } from './job-view';

/**
 * What the console asks job-registry: a search over the projection (a tenant's own project, or
 * every project for operators), failures grouped by error code and kind, and the projection's
 * checkpoint. The gateway decides the project: a tenant's requests always carry its own.
 */
export const CONSOLE_JOBS_LIMIT_MAX = 200;

const jsonObject = z.record(z.string(), z.unknown());
const isoTime = z.iso.datetime({ offset: true });

export const consoleJobsPayloadSchema = z.object({
  /** null: every project (operators only; the gateway checks). */
  projectId: z.string().min(1).max(200).nullable(),
  kind: z.string().regex(KIND_PATTERN).nullable(),
  statuses: z.array(z.enum(JOB_STATUSES)).nullable(),
  /** The code of the job's error, e.g. `worker_lost`. */
  errorCode: z.string().min(1).max(200).nullable(),
  createdFrom: isoTime.nullable(),
  createdTo: isoTime.nullable(),
  /** The first characters of a job id (hex digits and dashes). */
  idPrefix: z.string().regex(/^[0-9a-f-]{1,36}$/i, 'hex digits and "-" of a job id').nullable(),
  /** A JSON object the job's input contains (jsonb `@>`). */
  inputMatch: jsonObject.nullable(),
  /** A JSON object the job's result contains. */
  resultMatch: jsonObject.nullable(),
  limit: z.number().int().min(1).max(CONSOLE_JOBS_LIMIT_MAX),
  cursor: z.string().max(512).nullable(),
});
export type ConsoleJobsPayload = z.infer<typeof consoleJobsPayloadSchema>;

export interface ConsoleJobPage {
  readonly items: readonly JobView[];
  readonly nextCursor: string | null;
}

export const failureGroupsPayloadSchema = z.object({
  projectId: z.string().min(1).max(200).nullable(),
  kind: z.string().regex(KIND_PATTERN).nullable(),
  since: isoTime.nullable(),
});
export type FailureGroupsPayload = z.infer<typeof failureGroupsPayloadSchema>;

export interface FailureGroup {
  readonly kind: string;
  readonly code: string;
  readonly count: number;
  readonly lastFailedAt: string;
}

export interface ProjectionStatusReply {
  readonly projections: readonly { readonly name: string; readonly checkpoint: number; readonly updatedAt: string }[];
  /** Where an unfinished rebuild stopped, or null when none is under way. */
  readonly rebuild: { readonly checkpoint: number } | null;
  /** Job counts by status, across projects, for the charts. */
  readonly statusCounts: Readonly<Record<string, number>>;
  /** Jobs finished per minute over the last hour, with their mean time from submission to end. */
  readonly series: readonly { readonly minute: string; readonly completed: number; readonly failed: number; readonly meanLatencyMs: number | null }[];
}
