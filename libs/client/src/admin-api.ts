import { retryDelayMs, sleep } from './backoff';
import { describe, type HttpTransport } from './http-transport';
import { errorFromResponse, JetJobsError } from './jetjobs-error';
import type { AdminJob, Job, JobEventType, JobStreamEvent } from './job-types';
import { sseMessages } from './sse-messages';

/** An event as `GET /v1/admin/events` shows it: the job stream's shape plus where it was stored. */
export type AdminEvent = JobStreamEvent & {
  readonly seq: number;
  readonly stored_at: string;
  readonly kind: string;
  readonly project_id: string;
  readonly event_id: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  /** The W3C traceparent of the span that stored the event (null before traces). */
  readonly traceparent: string | null;
  readonly trace_id: string | null;
};

/** Filters of `GET /v1/admin/events`: a range of stream sequences or times, and what to keep. */
export interface AdminEventsQuery {
  readonly fromSeq?: number;
  readonly toSeq?: number;
  readonly since?: Date;
  readonly until?: Date;
  readonly job?: string;
  readonly kind?: string;
  readonly project?: string;
  readonly types?: readonly JobEventType[];
  /** Page size (at most 1000); pages only. */
  readonly limit?: number;
}

/** A page of events and the sequence the next page starts at (null: none stored yet). */
export interface AdminEventPage {
  readonly items: readonly AdminEvent[];
  readonly next_from_seq: number | null;
}

/** Filters of `GET /v1/admin/failures`; every one is optional. */
export interface AdminFailuresQuery {
  readonly kind?: string;
  readonly project?: string;
  /** The error code the job failed with, e.g. `worker_lost`. */
  readonly errorCode?: string;
  readonly since?: Date;
  readonly until?: Date;
  /** Page size (at most 500). */
  readonly limit?: number;
  /** `next_cursor` of the previous page. */
  readonly cursor?: string;
}

/** A page of failed jobs, newest failure first, and where the next one starts (null: no more). */
export interface AdminFailurePage {
  readonly items: readonly AdminJob[];
  readonly next_cursor: string | null;
}

const RECONNECT_POLICY = { maxRetries: Infinity, baseDelayMs: 200, maxDelayMs: 2_000 };

/**
 * The operator API (`/v1/admin`, scope `admin`): every project's events and redrives, so an
 * operator needs no NATS or PostgreSQL access of their own.
 */
export class AdminApi {
  constructor(private readonly transport: HttpTransport) {}

  /** One page of events in stream order. */
  events(query: AdminEventsQuery = {}, options: { signal?: AbortSignal } = {}): Promise<AdminEventPage> {
    return this.transport.json({ method: 'GET', path: '/v1/admin/events', query: queryOf(query), signal: options.signal, retry: true });
  }

  /**
   * New and stored events as they come, until `signal` aborts; a dropped stream resumes after
   * the last sequence yielded (`Last-Event-ID`), so none is seen twice.
   */
  async *followEvents(query: AdminEventsQuery = {}, options: { signal?: AbortSignal; onReconnect?: (reason: string) => void } = {}): AsyncGenerator<AdminEvent> {
    const { signal } = options;
    let lastSeq: number | null = null;
    for (let retry = 0; ; retry++) {
      let reason = 'the gateway ended the stream';
      try {
        const headers: Record<string, string> = lastSeq === null ? { accept: 'text/event-stream' } : { accept: 'text/event-stream', 'last-event-id': String(lastSeq) };
        const response = await this.transport.fetch(this.transport.url('/v1/admin/events', { ...queryOf(query), limit: undefined, follow: 'true' }), {
          headers: this.transport.headers(headers),
          signal,
        });
        if (!response.ok || response.body === null) {
          const error = await errorFromResponse(response);
          if (error.status >= 400 && error.status < 500 && error.status !== 429) throw error;
          reason = `the gateway answered ${error.status} ${error.code}`;
        } else {
          for await (const message of sseMessages(response.body)) {
            const event = JSON.parse(message.data) as AdminEvent;
            if (lastSeq !== null && event.seq <= lastSeq) continue;
            retry = 0;
            lastSeq = event.seq;
            yield event;
          }
        }
      } catch (error) {
        if (signal?.aborted) return;
        if (error instanceof JetJobsError) throw error;
        reason = describe(error);
      }
      options.onReconnect?.(reason);
      try {
        await sleep(retryDelayMs(RECONNECT_POLICY, Math.min(retry, 10), null), signal);
      } catch {
        return;
      }
    }
  }

  /** One page of jobs that ended failed, in every project (scope `admin:read`). */
  failures(query: AdminFailuresQuery = {}, options: { signal?: AbortSignal } = {}): Promise<AdminFailurePage> {
    return this.transport.json({
      method: 'GET',
      path: '/v1/admin/failures',
      query: {
        kind: query.kind,
        project: query.project,
        error_code: query.errorCode,
        since: query.since?.toISOString(),
        until: query.until?.toISOString(),
        limit: query.limit?.toString(),
        cursor: query.cursor,
      },
      signal: options.signal,
      retry: true,
    });
  }

  /** Runs a failed or cancelled job of any project again as its next attempt; records who and why. */
  redrive(jobId: string, options: { reason: string; signal?: AbortSignal }): Promise<Job & { readonly project_id: string }> {
    return this.transport.json({
      method: 'POST',
      path: `/v1/admin/jobs/${encodeURIComponent(jobId)}/redrive`,
      json: { reason: options.reason },
      signal: options.signal,
      retry: false,
    });
  }
}

function queryOf(query: AdminEventsQuery): Record<string, string | undefined> {
  return {
    from_seq: query.fromSeq?.toString(),
    to_seq: query.toSeq?.toString(),
    since: query.since?.toISOString(),
    until: query.until?.toISOString(),
    job: query.job,
    kind: query.kind,
    project: query.project,
    type: query.types?.join(','),
    limit: query.limit?.toString(),
  };
}
