import type { HttpTransport } from './http-transport';
import { followJob, type FollowOptions } from './job-follower';
import { isFinalStatus, isTerminalEvent, type Job, type JobPage, type JobStreamEvent, type ListJobsQuery, type SubmitJobRequest, type SubmittedJob } from './job-types';

/** Options of `jobs.submit`. */
export interface SubmitOptions {
  /**
   * The same key returns the first job instead of a new one; with it a submit is retried on 429,
   * 503 and network errors, without it never (the first attempt may have created the job).
   */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** Options of `jobs.wait`. */
export interface WaitOptions extends Omit<FollowOptions, 'afterVersion'> {
  /** Called with every event seen while waiting (progress bars). */
  readonly onEvent?: (event: JobStreamEvent) => void;
}

/** The native `/v1/jobs` API: submit, read, list, cancel, retry, follow and wait. */
export class JobsApi {
  constructor(private readonly transport: HttpTransport) {}

  /** `POST /v1/jobs`: 202 with the job's id and status. */
  submit(request: SubmitJobRequest, options: SubmitOptions = {}): Promise<SubmittedJob> {
    const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
    return this.transport.json({ method: 'POST', path: '/v1/jobs', json: request, headers, signal: options.signal, retry: Boolean(options.idempotencyKey) });
  }

  /** `GET /v1/jobs/:id`. Another project's job is a 404 (`JetJobsError` with code `job_not_found`). */
  get(jobId: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return this.transport.json({ method: 'GET', path: jobPath(jobId), signal: options.signal, retry: true });
  }

  /** `GET /v1/jobs`: one page, newest first; pass `next_cursor` back as `cursor` for the next. */
  list(query: ListJobsQuery = {}, options: { signal?: AbortSignal } = {}): Promise<JobPage> {
    const status = typeof query.status === 'string' ? query.status : query.status?.join(',');
    return this.transport.json({
      method: 'GET',
      path: '/v1/jobs',
      query: {
        kind: query.kind,
        status,
        limit: query.limit?.toString(),
        cursor: query.cursor,
        created_from: isoTime(query.createdFrom),
        created_to: isoTime(query.createdTo),
      },
      signal: options.signal,
      retry: true,
    });
  }

  /** `POST /v1/jobs/:id/cancel`: the job as it is after the request (a running one stops soon after). */
  cancel(jobId: string, options: { reason?: string; signal?: AbortSignal } = {}): Promise<Job> {
    return this.command(jobId, 'cancel', options);
  }

  /** `POST /v1/jobs/:id/retry`: runs a failed or cancelled job again as its next attempt. */
  retry(jobId: string, options: { reason?: string; signal?: AbortSignal } = {}): Promise<Job> {
    return this.command(jobId, 'retry', options);
  }

  /** The job's events, resumed across dropped connections, ending at its terminal event. */
  follow(jobId: string, options: FollowOptions = {}): AsyncGenerator<JobStreamEvent> {
    return followJob(this.transport, jobId, options);
  }

  /**
   * Resolves to the job once it is completed, failed or cancelled (whichever: check `status`).
   * Follows from the job's current version, so an earlier attempt's end does not count.
   * Rejects with the signal's reason when `signal` aborts.
   */
  async wait(jobId: string, options: WaitOptions = {}): Promise<Job> {
    const job = await this.get(jobId, { signal: options.signal });
    if (isFinalStatus(job.status)) return job;
    for await (const event of this.follow(jobId, { ...options, afterVersion: job.version })) {
      options.onEvent?.(event);
      if (isTerminalEvent(event)) return this.get(jobId, { signal: options.signal });
    }
    // follow ends without a terminal event only when aborted.
    throw options.signal?.reason ?? new Error(`stopped waiting for job ${jobId}`);
  }

  private command(jobId: string, name: 'cancel' | 'retry', options: { reason?: string; signal?: AbortSignal }): Promise<Job> {
    const json = options.reason === undefined ? {} : { reason: options.reason };
    // Not retried: a cancel the gateway did carry out would answer "illegal transition" the second time.
    return this.transport.json({ method: 'POST', path: `${jobPath(jobId)}/${name}`, json, signal: options.signal, retry: false });
  }
}

function jobPath(jobId: string): string {
  return `/v1/jobs/${encodeURIComponent(jobId)}`;
}

function isoTime(value: string | Date | undefined): string | undefined {
  return value instanceof Date ? value.toISOString() : value;
}
