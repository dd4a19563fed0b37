import type { ErrorCode, JobEvent, JobEventType, JobStatus } from '@jetjobs/contracts';
import type { AdminJobJson, JobJson, toJobPageJson } from '@jetjobs/dialects';

/**
 * The wire types are derived from the contracts the gateway itself serialises with, so a field
 * added there shows up here without being written twice.
 */
export type { ErrorCode, JobEventType, JobStatus };

/** A job as `GET /v1/jobs/:id` answers it. */
export type Job = JobJson;

/** A job of any project as the admin API lists it: every field of its state. */
export type AdminJob = AdminJobJson;

/** A page of `GET /v1/jobs`. */
export type JobPage = ReturnType<typeof toJobPageJson>;

/** `camelCase` → `snake_case`, as the gateway renames event data keys on the wire. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;
type SnakeKeys<T> = { readonly [K in keyof T as K extends string ? SnakeCase<K> : K]: T[K] };

/** One event of a job's stream (`GET /v1/jobs/:id/events`), discriminated on `type`. */
export type JobStreamEvent = {
  [E in JobEvent as E['type']]: {
    readonly job_id: string;
    readonly type: E['type'];
    /** The job's version after this event: 1, 2, 3… with no gaps; the SSE `id:`. */
    readonly version: number;
    readonly occurred_at: string;
    readonly data: SnakeKeys<E['data']>;
  };
}[JobEventType];

/** The events that end a job: a stream follower stops after one. */
export const TERMINAL_EVENT_TYPES = ['JobCompleted', 'JobFailed', 'JobCancelled'] as const satisfies readonly JobEventType[];

/** The statuses a job ends in. */
export const FINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly JobStatus[];

/** True for `completed`, `failed` and `cancelled`. */
export function isFinalStatus(status: string): boolean {
  return (FINAL_STATUSES as readonly string[]).includes(status);
}

/** True for the events that end a job. */
export function isTerminalEvent(event: { readonly type: string }): boolean {
  return (TERMINAL_EVENT_TYPES as readonly string[]).includes(event.type);
}

/** `POST /v1/jobs` body. */
export interface SubmitJobRequest {
  readonly kind: string;
  readonly input: unknown;
  /** Where the final state is POSTed, signed per Standard Webhooks. */
  readonly webhook_url?: string | null;
}

/** `POST /v1/jobs` answer: the job's id and status (202, new or from the same Idempotency-Key). */
export interface SubmittedJob {
  readonly id: string;
  readonly status: JobStatus;
}

/** Filters of `GET /v1/jobs`. */
export interface ListJobsQuery {
  readonly kind?: string;
  readonly status?: JobStatus | readonly JobStatus[];
  readonly limit?: number;
  readonly cursor?: string;
  readonly createdFrom?: string | Date;
  readonly createdTo?: string | Date;
}
