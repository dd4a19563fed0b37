import { FAILURES_LIMIT_MAX, type JobView } from '@jetjobs/contracts';
import type { AdminJob, JetJobs } from '@jetjobs/client';
import type { FailuresFilter } from '../commands/failures.command';

/** Every failed job matching the filter, up to `limit`, read page by page from GET /v1/admin/failures. */
export async function failuresOverGateway(jj: JetJobs, filter: FailuresFilter, limit: number): Promise<JobView[]> {
  const jobs: JobView[] = [];
  let cursor: string | undefined;
  do {
    const page = await jj.admin.failures({
      kind: filter.kind ?? undefined,
      project: filter.projectId ?? undefined,
      errorCode: filter.reason ?? undefined,
      since: filter.since === null ? undefined : new Date(filter.since),
      until: filter.until === null ? undefined : new Date(filter.until),
      limit: Math.min(FAILURES_LIMIT_MAX, limit - jobs.length),
      cursor,
    });
    jobs.push(...page.items.map(toJobView));
    cursor = page.next_cursor ?? undefined;
  } while (cursor !== undefined && jobs.length < limit);
  return jobs;
}

/** The admin API's job back in the contracts' shape, so both modes print through one formatter. */
function toJobView(job: AdminJob): JobView {
  return {
    id: job.id,
    kind: job.kind,
    projectId: job.project_id,
    status: job.status,
    version: job.version,
    attempt: job.attempt,
    attemptFailed: job.attempt_failed,
    input: job.input,
    webhookUrl: job.webhook_url,
    progress: job.progress,
    detail: job.detail,
    framesCompleted: job.frames_completed,
    frameCount: job.frame_count,
    logs: job.logs,
    outputs: job.outputs,
    result: job.result,
    error: job.error,
    cancelRequested: job.cancel_requested,
    cancelReason: job.cancel_reason,
    retryDueAt: job.retry_due_at,
    createdAt: job.created_at,
    updatedAt: job.updated_at,
    startedAt: job.started_at,
    finishedAt: job.finished_at,
  };
}
